// Weather example for minivet. It has deliberate privacy mistakes; see README.md.
App({
  globalData: {
    city: null,
  },
  onLaunch() {
    // Approximate location is declared in app.json, so this call is fine.
    wx.getFuzzyLocation({
      type: 'wgs84',
      success: (res) => {
        this.globalData.city = { lat: res.latitude, lng: res.longitude };
      },
    });
  },
});
