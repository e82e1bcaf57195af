import { describe, expect, it } from 'vitest';
import { uniEventCalls } from '../src/analyzers/dataflow/uni-event-opts.js';
import { expressionPaths } from '../src/analyzers/dataflow/template-flows.js';

describe('uniEventCalls', () => {
  it('reads the methods uni-app\u2019s compiled events call, with the event and data paths as arguments', () => {
    expect(uniEventCalls("{{[['^click',[['pay',['$0'],['order']]]]]}}")).toEqual([{ method: 'pay', args: [{ path: 'order' }] }]);
    expect(uniEventCalls("{{[['tap',[['wxParseATap',['$0','$event'],['node.attr']]]]]}}")).toEqual([{ method: 'wxParseATap', args: [{ path: 'node.attr' }, { event: true }] }]);
    // No arguments listed: the method gets the event.
    expect(uniEventCalls("{{[['^goto',[['redirect']]],['tap',[['e0',['$event']]]]]}}")).toEqual([
      { method: 'redirect', args: [{ event: true }] },
      { method: 'e0', args: [{ event: true }] },
    ]);
  });

  it('leaves constants and the paths of a v-for row unread', () => {
    expect(uniEventCalls("{{[['tap',[['detail',['$0', 3, 'x'],[[['displayList','',orderIndex]]]]]]]}}")).toEqual([{ method: 'detail', args: [undefined, undefined, undefined] }]);
  });

  it('is undefined for values that are not such a list', () => {
    for (const value of ['', 'pay', '{{opts}}', "{{[['tap',[['pay'", "{{[['tap',[['a b']]]]}}".replace('a b', 'x;y'), `{{${'['.repeat(40)}}}`]) {
      const calls = uniEventCalls(value);
      expect(calls === undefined || calls.length === 0).toBe(true);
    }
  });
});

describe('expressionPaths', () => {
  it('reads the data paths of a binding, not the indexes that pick an entry', () => {
    expect(expressionPaths("base + '?p=' + user.phone")).toEqual(['base', 'user.phone']);
    expect(expressionPaths('$getters.cards[ cardType ].url')).toEqual(['$getters.cards']);
    expect(expressionPaths('list[i].name + [extra][0]')).toEqual(['list', 'extra']);
  });
});
