// Progressive enhancement only: every page works without this script.
// 1. <time datetime data-local> shows the instant in the viewer's own time zone.
// 2. [data-clock] SLA clocks count down live (remaining time and progress bar).
// 3. A form that came back with errors: focus moves to its error summary, so a keyboard or screen-reader
//    user starts at the list of what to fix (each item links to its field).
(function () {
  'use strict';
  var lang = document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID';
  function localTimes() {
    // dateStyle/timeStyle may not be combined with timeZoneName (a TypeError that stopped the clocks too).
    var fmt = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
    document.querySelectorAll('time[data-local]').forEach(function (el) {
      var d = new Date(el.getAttribute('datetime'));
      if (!isNaN(d.getTime())) el.textContent = fmt.format(d);
    });
  }
  function remaining(ms) {
    var s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    // The server writes the same units: hari/jam/menit in Bahasa Indonesia, d/h/m in English.
    var u = document.documentElement.lang === 'en' ? ['d', 'h', 'm'] : ['h', 'j', 'm'];
    return (d ? d + u[0] + ' ' : '') + h + u[1] + ' ' + m + u[2];
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
  function focusErrors() {
    var summary = document.querySelector('.error-summary');
    if (!summary) return;
    if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
    summary.focus();
  }
  document.addEventListener('DOMContentLoaded', function () {
    focusErrors();
    localTimes();
    clocks();
    setInterval(clocks, 30000);
  });
})();
