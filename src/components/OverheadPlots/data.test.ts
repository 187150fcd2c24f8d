import { describe, expect, it } from 'vitest';
import { parseCsv } from '../LabResults/csv';
import { plotData } from './data';

const csv = `row,exp,mode,every,table_kb,pool_kb,dirty_pct,rep,requests,calls,throughput,overhead_pct,overhead_mad,call_us,call_mad
sample,freq,none,1,1024,1024,10,0,100,0,14873.6,,,,
sample,freq,async,1,1024,1024,10,0,100,100,974.8,1617.14,,977.4,
sample,size,async,,64,64,1,0,,3,,,,100.8,
summary,freq,none,1,1024,1024,10,5,,,14873.6,,,,
summary,freq,async,1,1024,1024,10,5,,,974.8,1617.14,1400.26,977.4,424.9
summary,size,async,,64,64,1,5,,,,,,100.8,55.7
`;

describe('plotData', () => {
  const d = plotData(parseCsv(csv).rows);

  it('plots overhead against call frequency per mode, without the baseline', () => {
    expect(d.freqSamples).toEqual([{ x: 1, y: 1617.14, series: 'async' }]);
    expect(d.freqSummary).toEqual([
      { x: 1, y: 1617.14, series: 'async', lo: 1617.14 - 1400.26, hi: 1617.14 + 1400.26 },
    ]);
  });

  it('plots call latency against table size per mode and dirty share', () => {
    expect(d.sizeSamples).toEqual([{ x: 64, y: 100.8, series: 'async, 1% dirty' }]);
    expect(d.sizeSummary[0]?.lo).toBeCloseTo(45.1);
    expect(d.sizeSummary[0]?.hi).toBeCloseTo(156.5);
  });
});
