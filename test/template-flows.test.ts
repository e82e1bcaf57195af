import { describe, expect, it } from 'vitest';
import { uniEventCalls } from '../src/analyzers/dataflow/uni-event-opts.js';
import { expressionPaths } from '../src/analyzers/dataflow/template-flows.js';

describe('uniEventCalls', () => {
  it('reads the methods uni-app\u2019s compiled events call, with the event and data paths as arguments', () => {
    expect(uniEventCalls("{{[['^click',[['pay',['$0'],['order']]]]]}}", 'click')).toEqual([{ method: 'pay', args: [{ path: 'order' }] }]);
    expect(uniEventCalls("{{[['tap',[['wxParseATap',['$0','$event'],['node.attr']]]]]}}", 'tap')).toEqual([{ method: 'wxParseATap', args: [{ path: 'node.attr' }, { event: true }] }]);
    // No arguments listed: the method gets the event. Each event calls its own methods.
    const opts = "{{[['^goto',[['redirect']]],['tap',[['e0',['$event']]]]]}}";
    expect(uniEventCalls(opts, 'goto')).toEqual([{ method: 'redirect', args: [{ event: true }] }]);
    expect(uniEventCalls(opts, 'tap')).toEqual([{ method: 'e0', args: [{ event: true }] }]);
    expect(uniEventCalls(opts, 'longpress')).toEqual([]);
  });

  it('leaves constants and the paths of a v-for row unread', () => {
    expect(uniEventCalls("{{[['tap',[['detail',['$0', 3, 'x'],[[['displayList','',orderIndex]]]]]]]}}", 'tap')).toEqual([{ method: 'detail', args: [undefined, undefined, undefined] }]);
  });

  it('makes at most eight calls for one event', () => {
    const many = `{{[['tap',[${Array.from({ length: 200 }, (_, index) => `['m${index}']`).join(',')}]]]}}`;
    expect(uniEventCalls(many, 'tap')).toHaveLength(8);
  });

  it('is undefined for values that are not such a list', () => {
    for (const value of ['', 'pay', '{{opts}}', "{{[['tap',[['pay'", "{{[['tap',[['a b']]]]}}".replace('a b', 'x;y'), `{{${'['.repeat(40)}}}`]) {
      const calls = uniEventCalls(value, 'tap');
      expect(calls === undefined || calls.length === 0).toBe(true);
    }
  });
});

describe('expressionPaths', () => {
  it('reads the data paths of a binding, not the indexes that pick an entry', () => {
    expect(expressionPaths("base + '?p=' + user.phone")).toEqual(['base', 'user.phone']);
    expect(expressionPaths('$getters.cards[ cardType ].url')).toEqual(['$getters.cards']);
    expect(expressionPaths('list[i].name + [extra][0]')).toEqual(['list', 'extra']);
    expect(expressionPaths('f(a) [ b ] + c')).toEqual(['f', 'a', 'c']);
  });

  it('reads a chain of indexes in time linear in its length (a hostile template may hold 5 MB of them)', () => {
    // The least CPU time of five rounds: a single round at this size is a few milliseconds, which one collection or JIT pause can triple.
    const cost = (count: number): number => {
      const template = `x${'[a]'.repeat(count)}`;
      let least = Infinity;
      for (let round = 0; round < 5; round++) {
        const before = process.cpuUsage();
        expect(expressionPaths(template)).toEqual(['x']);
        const used = process.cpuUsage(before);
        least = Math.min(least, used.user + used.system);
      }
      return least;
    };
    // Eight times the length: about eight times the work, where a scan back over the text before each index took sixty-four.
    expect(cost(160_000) / cost(20_000)).toBeLessThan(24);
  });
});
