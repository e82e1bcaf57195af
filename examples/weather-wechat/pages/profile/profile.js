Page({
  data: { scanning: false },
  startScan() {
    this.setData({ scanning: true });
  },
});
