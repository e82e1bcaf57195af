const { promisify } = require('./promisify');

// A promise wrapper around the precise-location API. Passing wx.getLocation as a value
// is still a use: the manifest must declare it.
const getPreciseLocation = promisify(wx.getLocation);

/** Feature detection is not a use and needs no declaration. */
function supportsFuzzyLocation() {
  return typeof wx.getFuzzyLocation === 'function';
}

module.exports = { getPreciseLocation, supportsFuzzyLocation };
