const { getPreciseLocation } = require('../../utils/location');

Page({
  data: { forecast: [], radar: false },

  async onShow() {
    const app = getApp();
    if (!app.globalData.city) return;
    this.setData({ forecast: await this.loadForecast(app.globalData.city) });
  },

  async onRadarTap() {
    // Precise location for the rain radar: not declared in app.json.
    const { latitude, longitude } = await getPreciseLocation({ type: 'gcj02' });
    this.setData({ radar: true, center: { latitude, longitude } });
    // Cached for the next launch, in plain storage: the user's precise position outlives the session.
    wx.setStorageSync('radarCenter', { latitude, longitude });
    wx.setStorageSync('radarOpenedAt', Date.now());
  },

  onFollowMe() {
    const api = wx;
    api.startLocationUpdate({ success: () => api.onLocationChange(this.onMove) });
  },

  onMove(position) {
    this.setData({ center: position });
  },

  loadForecast(city) {
    return new Promise((resolve) => {
      wx.request({
        url: 'https://api.example.com/forecast',
        data: city,
        success: (res) => resolve(res.data.days),
      });
    });
  },
});
