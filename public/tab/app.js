// The tab "Översikt": signs in with Teams single sign-on, shows the sections the server renders,
// keeps the open one live (a stream of change events, and a slow conditional re-fetch), and turns
// download buttons into files. No framework: the server sends finished, escaped HTML.
(function () {
  'use strict';

  var params = new URLSearchParams(location.search);
  var state = { lang: 'sv', strings: {}, sections: [], current: null, etags: {}, token: null, inTeams: false, stream: null };
  var el = function (id) { return document.getElementById(id); };

  function pickLang(tag) { return /^en/i.test(tag || '') ? 'en' : 'sv'; }
  function applyTheme(theme) {
    document.body.setAttribute('data-theme', theme === 'dark' || theme === 'contrast' ? theme : 'default');
  }
  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  function withTimeout(promise, ms) {
    return Promise.race([promise, sleep(ms).then(function () { throw new Error('timeout'); })]);
  }

  /** Inside Teams: initialise the library, follow its theme and language, and get tokens from it. */
  async function startTeams() {
    if (window.parent === window || !window.microsoftTeams) return;
    var teams = window.microsoftTeams;
    try {
      await withTimeout(teams.app.initialize(), 5000);
    } catch (e) {
      return;
    }
    state.inTeams = true;
    var context = await teams.app.getContext();
    if (!params.get('lang')) state.lang = pickLang(context.app && context.app.locale);
    if (!params.get('theme')) applyTheme(context.app && context.app.theme);
    teams.app.registerOnThemeChangeHandler(applyTheme);
  }

  async function token() {
    if (!state.inTeams) return null;
    return window.microsoftTeams.authentication.getAuthToken();
  }

  function apiUrl(path) {
    var url = new URL(path, location.href);
    url.searchParams.set('lang', state.lang);
    // Local development only: the server ignores it when sign-in is on.
    if (params.get('user')) url.searchParams.set('user', params.get('user'));
    return url.toString();
  }

  async function api(path, options) {
    options = options || {};
    var headers = Object.assign({}, options.headers || {});
    var bearer = await token();
    if (bearer) headers.authorization = 'Bearer ' + bearer;
    return fetch(apiUrl(path), Object.assign({}, options, { headers: headers, cache: 'no-store' }));
  }

  function showError(message) {
    var panel = el('panel');
    panel.innerHTML = '';
    var p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.textContent = message;
    panel.appendChild(p);
  }

  async function errorText(res) {
    try {
      var body = await res.json();
      return body.message || state.strings.errorUnavailable;
    } catch (e) {
      return state.strings.errorUnavailable || 'Översikten kunde inte hämtas. / The overview could not be loaded.';
    }
  }

  function announce(text) { el('status').textContent = text; }
  /** "10.42" as Swedes write the time, "10:42" in English. */
  function now() {
    var d = new Date();
    var pad = function (n) { return String(n).padStart(2, '0'); };
    return pad(d.getHours()) + (state.lang === 'sv' ? '.' : ':') + pad(d.getMinutes());
  }

  /** The tabs of the sections this person may open, operated as an ARIA tab list. */
  function buildTabs() {
    var list = el('tabs');
    list.innerHTML = '';
    list.setAttribute('aria-label', state.strings.sectionsLabel);
    el('nav').setAttribute('aria-label', state.strings.sectionsLabel);
    state.sections.forEach(function (section) {
      var tab = document.createElement('button');
      tab.type = 'button';
      tab.id = 'tab-' + section.id;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', 'panel');
      tab.setAttribute('aria-selected', 'false');
      tab.tabIndex = -1;
      tab.textContent = section.title;
      tab.addEventListener('click', function () { select(section.id, false); });
      list.appendChild(tab);
    });
    list.addEventListener('keydown', function (event) {
      var ids = state.sections.map(function (s) { return s.id; });
      var at = ids.indexOf(state.current);
      var next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: ids.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(ids[(next + ids.length) % ids.length], true);
    });
  }

  async function select(id, focusTab) {
    state.current = id;
    state.sections.forEach(function (section) {
      var tab = el('tab-' + section.id);
      var selected = section.id === id;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focusTab) tab.focus();
    });
    var panel = el('panel');
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', 'tab-' + id);
    if (location.hash !== '#' + id) history.replaceState(null, '', '#' + id);
    delete state.etags[id];
    panel.innerHTML = '<p class="loading">' + (state.strings.loading || '') + '</p>';
    await load(id, false);
  }

  /** Fetches a section (conditionally once shown) and puts it in place, keeping the focused button. */
  async function load(id, quiet) {
    var headers = {};
    if (state.etags[id]) headers['if-none-match'] = state.etags[id];
    var res = await api('api/sections/' + id, { headers: headers });
    if (id !== state.current) return;
    if (res.status === 304) return;
    if (!res.ok) return showError(await errorText(res));
    var body = await res.json();
    state.etags[id] = res.headers.get('etag');
    var focused = document.activeElement;
    var key = focused && focused.dataset && focused.dataset.table ? [focused.dataset.table, focused.dataset.format] : null;
    el('panel').innerHTML = body.html;
    if (key) {
      var again = el('panel').querySelector('button.export[data-table="' + CSS.escape(key[0]) + '"][data-format="' + key[1] + '"]');
      if (again) again.focus();
    }
    if (quiet) announce(state.strings.updatedAt.replace('{time}', now()));
  }

  /** Download buttons: the server makes a short-lived link for this person's view of the table. */
  el('panel').addEventListener('click', async function (event) {
    var button = event.target.closest && event.target.closest('button.export');
    if (!button) return;
    button.disabled = true;
    try {
      var res = await api('api/export', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ section: button.dataset.section, table: button.dataset.table, format: button.dataset.format }),
      });
      if (!res.ok) return announce(await errorText(res));
      var link = (await res.json()).url;
      if (state.inTeams) {
        window.open(link, '_blank', 'noopener');
      } else {
        var a = document.createElement('a');
        a.href = link;
        a.download = '';
        document.body.appendChild(a);
        a.click();
        a.remove();
      }
    } catch (e) {
      announce(state.strings.exportFailed);
    } finally {
      button.disabled = false;
    }
  });

  function setLive(on) {
    el('live').textContent = on ? state.strings.liveOn : state.strings.liveOff;
  }

  /** Change events from the server (a stream read with the sign-in header); reconnects after a pause. */
  async function stream() {
    for (;;) {
      try {
        var res = await api('api/events');
        if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
        setLive(true);
        var reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        var buffer = '';
        for (;;) {
          var chunk = await reader.read();
          if (chunk.done) break;
          buffer += chunk.value;
          var end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            var event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (/^event: changed$/m.test(event) && state.current) load(state.current, true).catch(function () {});
          }
        }
      } catch (e) {
        setLive(false);
        await sleep(3000);
        continue;
      }
      // The server ends a stream now and then; open a new one at once.
    }
  }

  async function main() {
    state.lang = pickLang(params.get('lang') || navigator.language);
    if (params.get('theme')) applyTheme(params.get('theme'));
    await startTeams();
    document.documentElement.lang = state.lang;
    var res = await api('api/me');
    if (!res.ok) return showError(await errorText(res));
    var me = await res.json();
    state.strings = me.strings;
    state.sections = me.sections;
    document.title = me.strings.appTitle;
    el('title').textContent = me.strings.appTitle;
    el('viewer').textContent = me.viewer + ' · ' + me.scope;
    el('skip').textContent = state.lang === 'sv' ? 'Hoppa till innehållet' : 'Skip to the content';
    buildTabs();
    var wanted = location.hash.slice(1);
    var first = state.sections.some(function (s) { return s.id === wanted; }) ? wanted : state.sections[0] && state.sections[0].id;
    if (first) await select(first, false);
    stream();
    // Changes made through another instance of the service reach the page this way.
    setInterval(function () { if (state.current && !document.hidden) load(state.current, true).catch(function () {}); }, 60000);
  }

  main().catch(function () { showError('Översikten kunde inte hämtas. / The overview could not be loaded.'); });
})();
