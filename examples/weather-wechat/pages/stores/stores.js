Page({
  data: { store: null },

  // Picking a store on the map: chooseLocation must be declared in requiredPrivateInfos.
  pickStore() {
    wx['chooseLocation']({
      success: (res) => this.setData({ store: res.name }),
    });
  },

  // Not a platform call: the page's own method happens to share the API's name.
  getLocation() {
    return this.data.store;
  },

  showHelp() {
    // wx.getLocation() is mentioned in this comment only.
    wx.showModal({ title: 'Help', content: 'We never call wx.getLocation without asking.' });
  },
});
