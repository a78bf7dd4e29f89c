/**
 * The only module that imports ECharts. It is loaded with `import()` by chart.tsx, so ECharts stays
 * out of the initial bundle, and it registers only the chart types and components Vigil draws
 * (tree-shaking drops the rest). A view needing another chart type adds it here.
 */
import { init, use as register } from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { BrushComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

register([BarChart, LineChart, ScatterChart, BrushComponent, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent, CanvasRenderer]);

export { init };
