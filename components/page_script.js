// The page frame's script (components/frame.py), constant: no data goes into it.
(() => {
  if (window.atlasPageScript) return;
  window.atlasPageScript = true;
  // Streamlit writes every view change with history.pushState, so each slider step or
  // playback tick was a Back step. A change of the same page's URL now replaces the entry;
  // a new page still adds one, so Back returns to the previous page as it was left.
  const push = history.pushState.bind(history);
  history.pushState = (state, title, url) => {
    const next = url ? new URL(url, location.href) : null;
    if (next && next.pathname === location.pathname) return history.replaceState(state, title, url);
    return push(state, title, url);
  };
})();
