import { describe, expect, it } from 'vitest';
import { personalDataOfName } from '../../src/analyzers/trackers.js';
import { scanProject } from '../../src/scan.js';
import { runTrackingFileRules, trackingKeys } from './tracking-helpers.js';

const project = scanProject('fixtures/tracking-identifiers');

describe('identifier-to-tracker', () => {
  it('reports identities, personal event properties, self-collecting options and log writes', () => {
    expect(trackingKeys(project, 'identifier-to-tracker')).toEqual([
      'identifier-to-tracker app.js:8:1 umeng user-profile,openid',
      'identifier-to-tracker app.js:19:13 umeng openid',
      'identifier-to-tracker app.js:20:13 aldstat openid',
      'identifier-to-tracker app.js:21:13 sensorsdata user-id',
      'identifier-to-tracker app.js:22:13 growingio openid',
      'identifier-to-tracker app.js:23:13 growingio user-id',
      'identifier-to-tracker app.js:24:13 growingio user-profile,openid',
      'identifier-to-tracker app.js:25:13 datarangers openid,user-id',
      'identifier-to-tracker pages/profile/profile.js:8:5 aldstat phone',
      'identifier-to-tracker pages/profile/profile.js:9:5 umeng openid',
      'identifier-to-tracker pages/profile/profile.js:10:5 wechat-realtime-log phone',
      'identifier-to-tracker pages/profile/profile.js:11:5 baidu-mobstat location',
      'identifier-to-tracker pages/profile/profile.js:12:5 google-analytics user-id',
      'identifier-to-tracker utils/ald-stat-conf.js:2:1 aldstat location,openid',
    ]);
  });

  it('names the data, the SDK and the call', () => {
    const openid = project.findings.find((f) => f.ruleId === 'identifier-to-tracker' && f.properties?.method === 'setOpenid')!;
    expect(openid.severity).toBe('warning');
    expect(openid.message).toBe('wx.uma.setOpenid hands the user\'s openid to Umeng (U-Mini): the tracker can tie everything it records to this person.');
    expect(openid.properties).toMatchObject({ sdk: 'umeng', dataType: 'openid', dataTypes: ['openid'] });
    const phone = project.findings.find((f) => f.ruleId === 'identifier-to-tracker' && f.properties?.event === 'bind_phone')!;
    expect(phone.message).toContain("hands the user's phone number (phoneNumber) to Aldstat");
  });

  it('stays quiet on look-alikes: event names, flags, the platform\'s own ids, another party\'s id, local logs', () => {
    const lookAlikes = project.findings.filter((f) => f.ruleId === 'identifier-to-tracker' && f.location.file === 'pages/profile/profile.js' && f.location.region.start.line >= 17);
    expect(lookAlikes).toEqual([]);
  });

  it('classifies names whole, not by substring', () => {
    expect(['openid', 'wxOpenId', '$wechat_openId', 'open_id'].map(personalDataOfName)).toEqual(['openid', 'openid', 'openid', 'openid']);
    expect(['phoneNumber', 'mobile', 'purePhoneNumber'].map(personalDataOfName)).toEqual(['phone', 'phone', 'phone']);
    expect(['has_phone', 'phoneCount', 'location', 'title', 'openidType'].map(personalDataOfName)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(['userInfo', 'nickName', 'latitude', 'deviceId', 'user_id', 'unionId'].map(personalDataOfName)).toEqual(['user-profile', 'user-profile', 'location', 'device-id', 'user-id', 'unionid']);
    // A whole user record under a name that says so; not flags or labels about it.
    expect(['userInfoMore', 'memberInfo', 'userInfoDetail', 'loginUserInfo'].map(personalDataOfName)).toEqual(['user-profile', 'user-profile', 'user-profile', 'user-profile']);
    expect(['userInfoTip', 'memberInfoLoaded', 'userInfoFlag'].map(personalDataOfName)).toEqual([undefined, undefined, undefined]);
    // Names that say whose phone, which address, a verified name, Alipay's user id.
    expect(['userPhone', 'agent_tel', 'receiverMobile', 'wxPhone', 'qywxPhone', 'wechat_mobile'].map(personalDataOfName)).toEqual(Array(6).fill('phone'));
    expect(['userAddress', 'deliveryAddress', 'chosenAddress', 'addressList', 'PICKER_ADDRESS'].map(personalDataOfName)).toEqual(['address', 'address', 'address', 'address', 'address']);
    expect(['authName', 'agent_real_name', 'userData', 'loginInfo'].map(personalDataOfName)).toEqual(['user-profile', 'user-profile', 'user-profile', 'user-profile']);
    expect(['ali_uid', 'alipayUserId', 'zfbUserId'].map(personalDataOfName)).toEqual(['openid', 'openid', 'openid']);
    // The sharer's or inviter's id a share link carries is a referral, not the user's own.
    expect(['shareOpenId', 'fromUserId', 'inviterUnionid', 'share_user_id', 'referrerUid'].map(personalDataOfName)).toEqual(Array(5).fill(undefined));
    expect(['wxPhoneVisible', 'address', 'contactPhone', 'phoneVisible', 'bindPhone', 'serverAddress', 'ipAddress', 'emailAddress', 'addressCount', 'shopAddress', 'name', 'userName', 'aliPay'].map(personalDataOfName)).toEqual(Array(13).fill(undefined));
  });

  it('follows object constants and storage reads in the same file', () => {
    const code = "const props = { unionid: wx.getStorageSync('unionid') }; wx.uma.trackEvent('e', props);";
    expect(runTrackingFileRules(code).filter((f) => f.ruleId === 'identifier-to-tracker').map((f) => f.properties?.dataType)).toEqual(['unionid']);
  });
  it("takes what a value is from its own name: an openid read from storage under a `user_id` key goes to the platform's own analytics unreported", () => {
    const sent = (value: string) => runTrackingFileRules(`tt.reportAnalytics('click', { user_id: ${value}, page: 'my' });`, { platform: 'bytedance' }).filter((f) => f.ruleId === 'identifier-to-tracker').map((f) => f.properties?.dataType);
    expect(sent("tt.getStorageSync('OPENID')")).toEqual([]);
    expect(sent('this.data.openid')).toEqual([]);
    // A value whose own name says nothing still goes by the key; a phone under any key is reported.
    expect(sent('this.data.uid')).toEqual(['user-id']);
    expect(sent("tt.getStorageSync('phone')")).toEqual(['phone']);
  });
});
