// Progressive enhancement only: every page works without this script.
// 1. <time datetime data-local> shows the instant in the viewer's own time zone.
// 2. [data-clock] SLA clocks count down live (remaining time and progress bar).
(function () {
  'use strict';
  var lang = document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID';
  function localTimes() {
    var fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZoneName: 'short' });
    document.querySelectorAll('time[data-local]').forEach(function (el) {
      var d = new Date(el.getAttribute('datetime'));
      if (!isNaN(d.getTime())) el.textContent = fmt.format(d);
    });
  }
  function remaining(ms) {
    var s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    return (d ? d + 'h ' : '') + h + 'j ' + m + 'm';
  }
  function clocks() {
    var now = Date.now();
    document.querySelectorAll('[data-clock][data-running="true"]').forEach(function (el) {
      var due = Date.parse(el.getAttribute('data-due'));
      var start = Date.parse(el.getAttribute('data-start'));
      if (isNaN(due) || isNaN(start) || due <= start) return;
      var pct = Math.min(100, Math.max(0, ((now - start) / (due - start)) * 100));
      var bar = el.querySelector('progress');
      if (bar) bar.value = Math.round(pct);
      var left = el.querySelector('[data-remaining]');
      if (left) left.textContent = (now > due ? '−' : '') + remaining(due - now);
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    localTimes();
    clocks();
    setInterval(clocks, 30000);
  });
})();
