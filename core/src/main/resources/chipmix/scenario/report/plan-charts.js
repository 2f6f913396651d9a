// Apache ECharts option builders for one plan (an element of "plans" in the JSON report of
// `chipmix plan --format json`). Shared by the self-contained HTML report, which inlines this
// file (HtmlReport), and the web UI, which serves it as /plan-charts.js: both draw the same charts.
var chipmixPlanCharts = (function () {
  function capacity(p) {
    return {
      tooltip: {trigger: 'axis'}, legend: {type: 'scroll'}, grid: {left: 80, right: 30},
      xAxis: {type: 'category', data: p.months}, yAxis: {type: 'value', name: 'devices'},
      series: p.pools.map(function (pool) {
        return {name: pool.id + ' (' + pool.chip_name + ')', type: 'line', stack: 'devices', areaStyle: {},
          symbol: 'none', data: pool.online};
      })
    };
  }
  function gantt(p) {
    var cats = [], series = [];
    function add(t, label, dashed) {
      cats.push(label);
      if (t.placement) {
        series.push({name: label, type: 'line', symbol: 'none',
          lineStyle: {width: 18, type: dashed ? 'dashed' : 'solid'},
          data: [[t.placement.start, label], [t.placement.finish, label]]});
      }
      if (t.deadline) {
        series.push({name: label + ' deadline', type: 'scatter', symbol: 'diamond', symbolSize: 16,
          itemStyle: {color: '#d62728'}, data: [[t.deadline, label]]});
      }
    }
    p.training.forEach(function (t) { add(t, t.id, false); });
    if (p.without_at_risk) {
      p.without_at_risk.training.forEach(function (t) { add(t, t.id + ' (without at-risk deliveries)', true); });
    }
    return {
      tooltip: {trigger: 'item', formatter: function (x) { return x.seriesName + ': ' + x.value[0]; }},
      grid: {left: 260, right: 30}, xAxis: {type: 'time'},
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
      xAxis: {type: 'category', data: p.months}, yAxis: {type: 'value', name: 'requests/s'}, series: series};
  }
  function cost(p) {
    function col(k) { return p.costs.map(function (c) { return Math.round(c[k]); }); }
    return {tooltip: {trigger: 'axis'}, legend: {}, grid: {left: 100, right: 30},
      xAxis: {type: 'category', data: p.costs.map(function (c) { return c.month; })},
      yAxis: {type: 'value', name: 'USD'},
      series: [
        {name: 'devices bought', type: 'bar', stack: 'usd', data: col('capital_usd')},
        {name: 'electricity', type: 'bar', stack: 'usd', data: col('electricity_usd')},
        {name: 'rented devices', type: 'bar', stack: 'usd', data: col('rental_usd')}]};
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
  return {capacity: capacity, gantt: gantt, serving: serving, cost: cost, outlook: outlook};
})();
