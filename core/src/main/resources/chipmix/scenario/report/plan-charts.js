// Apache ECharts option builders for one plan (an element of "plans" in the JSON report of
// `chipmix plan --format json`). Shared by the self-contained HTML report, which inlines this
// file (HtmlReport), and the web UI, which serves it as /plan-charts.js: both draw the same charts.
var chipmixPlanCharts = (function () {
  // Tooltip text is HTML to ECharts: scenario names are escaped before they reach it.
  function esc(v) {
    return String(v).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  // Axis numbers in words, as the text shows them ("800 million", "$1.2B"), never "800,000,000".
  function compact(v) {
    var a = Math.abs(v);
    var scales = [[1e12, ' trillion'], [1e9, ' billion'], [1e6, ' million']];
    for (var i = 0; i < scales.length; i++) {
      if (a >= scales[i][0]) {
        return (v / scales[i][0]).toLocaleString('en-US', {maximumSignificantDigits: 3}) + scales[i][1];
      }
    }
    return v.toLocaleString('en-US', {maximumFractionDigits: 2});
  }
  function dollars(v) {
    var a = Math.abs(v);
    if (a >= 1e9) { return '$' + (v / 1e9).toLocaleString('en-US', {maximumSignificantDigits: 3}) + 'B'; }
    if (a >= 1e6) { return '$' + (v / 1e6).toLocaleString('en-US', {maximumSignificantDigits: 3}) + 'M'; }
    return '$' + v.toLocaleString('en-US', {maximumFractionDigits: 0});
  }
  // The first day of the horizon and the day after it ends, so that a time axis spans the horizon
  // even when no run was placed (an empty time axis would show the hours of one day).
  function horizon(p) {
    var last = p.months[p.months.length - 1].split('-');
    var y = Number(last[0]), m = Number(last[1]);
    var next = (m === 12 ? (y + 1) + '-01' : y + '-' + (m < 9 ? '0' : '') + (m + 1)) + '-01';
    return {min: p.months[0] + '-01', max: next};
  }
  function capacity(p) {
    return {
      tooltip: {trigger: 'axis'}, legend: {type: 'scroll'}, grid: {left: 80, right: 30},
      xAxis: {type: 'category', data: p.months}, yAxis: {type: 'value', name: 'devices', axisLabel: {formatter: compact}},
      series: p.pools.map(function (pool) {
        return {name: pool.id + ' (' + pool.chip_name + ')', type: 'line', stack: 'devices', areaStyle: {},
          symbol: 'none', data: pool.online};
      })
    };
  }
  function gantt(p) {
    var cats = [], series = [];
    // A run planned without the at-risk deliveries is drawn pale and thinner, not dashed: a
    // dashed bar reads as a run that pauses.
    function add(t, label, alternative) {
      label = t.placement ? label : label + ' (not placed)';
      cats.push(label);
      if (t.placement) {
        series.push({name: label, type: 'line', symbol: 'none',
          lineStyle: {width: alternative ? 10 : 18, opacity: alternative ? 0.4 : 1},
          data: [[t.placement.start, label], [t.placement.finish, label]]});
      }
      if (t.deadline) {
        series.push({name: label + ' deadline', type: 'scatter', symbol: 'diamond', symbolSize: 16,
          itemStyle: {color: '#d62728'}, data: [[t.deadline, label]]});
      }
    }
    p.training.forEach(function (t) { add(t, t.id, false); });
    if (p.without_at_risk) {
      p.without_at_risk.training.forEach(function (t) { add(t, t.id + ' if at-risk deliveries do not arrive', true); });
    }
    var span = horizon(p);
    return {
      tooltip: {trigger: 'item', formatter: function (x) { return esc(x.seriesName) + ': ' + esc(x.value[0]); }},
      grid: {left: 300, right: 30}, xAxis: {type: 'time', min: span.min, max: span.max},
      yAxis: {type: 'category', data: cats, inverse: true}, series: series
    };
  }
  function serving(p) {
    var series = [];
    p.serving.forEach(function (s) {
      var m = s.months;
      series.push({name: s.id + ' demand', type: 'line', data: m.map(function (x) { return x.demand_requests_per_second; })});
      series.push({name: s.id + ' capacity', type: 'line', lineStyle: {type: 'dashed'},
        data: m.map(function (x) { return x.capacity_requests_per_second; })});
      series.push({name: s.id + ' unmet', type: 'bar', itemStyle: {color: '#d62728'},
        data: m.map(function (x) { return x.unmet_requests_per_second; })});
    });
    return {tooltip: {trigger: 'axis'}, legend: {type: 'scroll'}, grid: {left: 80, right: 30},
      xAxis: {type: 'category', data: p.months}, yAxis: {type: 'value', name: 'requests/s', axisLabel: {formatter: compact}},
      series: series};
  }
  function cost(p) {
    function col(k) { return p.costs.map(function (c) { return Math.round(c[k]); }); }
    return {tooltip: {trigger: 'axis'}, legend: {}, grid: {left: 100, right: 30},
      xAxis: {type: 'category', data: p.costs.map(function (c) { return c.month; })},
      yAxis: {type: 'value', name: 'USD', axisLabel: {formatter: dollars}},
      series: [
        {name: 'devices bought', type: 'bar', stack: 'usd', data: col('capital_usd')},
        {name: 'electricity', type: 'bar', stack: 'usd', data: col('electricity_usd')},
        {name: 'rented devices', type: 'bar', stack: 'usd', data: col('rental_usd')}]};
  }
  // Serving-capacity curve of one pool's replica (d: the chart element's data-serving and data-curve indexes):
  // output tokens/s per device against TPOT with prefill interleaved, one point per batch.
  function servingCurve(p, d) {
    var s = p.serving[Number(d.serving)];
    var c = s.capacity_curves[Number(d.curve)];
    return {
      tooltip: {trigger: 'item', formatter: function (x) {
        return esc(x.seriesName) + ': batch ' + esc(x.data[2]) + ', TPOT ' + esc(x.data[0].toPrecision(3)) + ' ms, '
          + esc(compact(x.data[1])) + ' tok/s per device';
      }},
      legend: {}, grid: {left: 80, right: 30},
      xAxis: {type: 'log', name: 'TPOT (ms)'}, yAxis: {type: 'value', name: 'tok/s per device', axisLabel: {formatter: compact}},
      series: [{name: s.model + ' on ' + c.chip, type: 'line', showSymbol: true,
        data: c.points.map(function (x) { return [x.tpot_ms, x.output_tokens_per_s_per_device, x.batch]; })}]
    };
  }
  // Fan chart of unmet serving demand over the Monte Carlo samples: the P10-P90 band and the median.
  function outlook(p) {
    var series = [];
    var u = p.uncertainty;
    (u ? u.serving : []).forEach(function (s) {
      var m = s.unmet_requests_per_second_by_month;
      series.push({name: s.id + ' P10', type: 'line', stack: s.id, symbol: 'none', lineStyle: {opacity: 0},
        data: m.map(function (x) { return x.p10; })});
      series.push({name: s.id + ' P10-P90', type: 'line', stack: s.id, symbol: 'none', lineStyle: {opacity: 0},
        areaStyle: {opacity: 0.3}, data: m.map(function (x) { return x.p90 - x.p10; })});
      series.push({name: s.id + ' P50', type: 'line', data: m.map(function (x) { return x.p50; })});
    });
    return {tooltip: {trigger: 'axis'}, legend: {type: 'scroll'}, grid: {left: 80, right: 30},
      xAxis: {type: 'category', data: p.months}, yAxis: {type: 'value', name: 'requests/s unmet'}, series: series};
  }
  return {capacity: capacity, gantt: gantt, serving: serving, servingCurve: servingCurve, cost: cost, outlook: outlook};
})();
