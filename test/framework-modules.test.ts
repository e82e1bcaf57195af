import { describe, expect, it } from 'vitest';
import { frameworkOfModule } from '../src/analyzers/framework-modules.js';
import { FRAMEWORK_MODULES } from '../src/platforms/types.js';

describe('frameworkOfModule', () => {
  const of = (specifier: string): string | undefined => frameworkOfModule(specifier, FRAMEWORK_MODULES);

  it('names the framework of a package and of a build\u2019s copy of its entry', () => {
    expect(of('@tarojs/taro')).toBe('Taro');
    expect(of('wepy')).toBe('wepy');
    expect(of('./../../npm/wepy/lib/wepy.js')).toBe('wepy');
    expect(of('../npm/@tarojs/taro-weapp/index.js')).toBe('Taro');
    expect(of('../../miniprogram_npm/@tarojs/taro/index')).toBe('Taro');
    expect(of('node_modules/@dcloudio/uni-app/dist/index.js')).toBe('uni');
  });

  it('leaves other files of the package, other packages and look-alike folders alone', () => {
    expect(of('./../../npm/wepy/lib/event.js')).toBeUndefined();
    expect(of('./../../npm/wepy-redux/lib/index.js')).toBeUndefined();
    expect(of('../npm/@tarojs/redux/index.js')).toBeUndefined();
    expect(of('./utils/npm/wepyish.js')).toBeUndefined();
    expect(of('./wepy/lib/wepy.js')).toBeUndefined();
    expect(of('constructor')).toBeUndefined();
  });
});
