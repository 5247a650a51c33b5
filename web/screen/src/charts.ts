/** The screen's two charts, with only the parts of ECharts they use. */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { periodLabel } from './format';
import type { HistoryPoint } from './types';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

const FONT = { fontFamily: '"Noto Sans CJK SC", "Microsoft YaHei", sans-serif' };

/** Charts of elements that left the page are disposed of before new ones are drawn. */
const drawn = new Set<echarts.ECharts>();

function chartIn(element: HTMLElement): echarts.ECharts {
  for (const chart of drawn) {
    if (!chart.getDom().isConnected) {
      chart.dispose();
      drawn.delete(chart);
    }
  }
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  drawn.add(chart);
  return chart;
}

window.addEventListener('resize', () => drawn.forEach((chart) => chart.resize()));
// Printing lays the page out at A4 width: the charts follow it there and back.
window.addEventListener('beforeprint', () => drawn.forEach((chart) => chart.resize()));
window.addEventListener('afterprint', () => drawn.forEach((chart) => chart.resize()));

/** The mean total of each county (or city), one bar each. */
export function drawMeans(element: HTMLElement, bars: { name: string; mean: number }[]): void {
  chartIn(element).setOption({
    animation: false,
    textStyle: FONT,
    grid: { left: 40, right: 16, top: 20, bottom: bars.length > 12 ? 72 : 32 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => Number(v).toFixed(2) },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.name),
      axisLabel: { interval: 0, rotate: bars.length > 12 ? 60 : 0 },
    },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [
      {
        type: 'bar',
        data: bars.map((b) => Math.round(b.mean * 100) / 100),
        itemStyle: { color: '#0b5cad' },
        label: { show: bars.length <= 12, position: 'top', formatter: '{c}' },
        barMaxWidth: 40,
      },
    ],
  });
}

/** A station's total (left axis) and rank (right axis, 1 at the top) over published periods. */
export function drawHistory(element: HTMLElement, points: HistoryPoint[]): void {
  const oldestFirst = [...points].reverse();
  chartIn(element).setOption({
    animation: false,
    textStyle: FONT,
    legend: { data: ['总分', '名次'], top: 0 },
    grid: { left: 44, right: 44, top: 32, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: oldestFirst.map((p) => periodLabel(p.period)) },
    yAxis: [
      { type: 'value', name: '总分', min: 0, max: 100 },
      {
        type: 'value',
        name: '名次',
        inverse: true,
        minInterval: 1,
        min: 1,
        max: Math.max(...points.map((p) => p.of)),
      },
    ],
    series: [
      {
        name: '总分',
        type: 'line',
        data: oldestFirst.map((p) => p.total),
        itemStyle: { color: '#0b5cad' },
      },
      {
        name: '名次',
        type: 'line',
        yAxisIndex: 1,
        data: oldestFirst.map((p) => p.rank),
        itemStyle: { color: '#c62828' },
      },
    ],
  });
}
