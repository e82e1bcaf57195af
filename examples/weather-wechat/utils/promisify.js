function promisify(api) {
  return (options = {}) =>
    new Promise((resolve, reject) => {
      api({ ...options, success: resolve, fail: reject });
    });
}

module.exports = { promisify };
