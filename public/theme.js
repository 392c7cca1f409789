// Applies the reader's stored theme before the first paint, so the page never flashes the wrong
// one. src/shell/theme.rs writes the record ({"v":1,"data":"light"|"dark"|"system"}).
try {
  const record = JSON.parse(localStorage.getItem('loopje.theme'));
  if (record && record.v === 1 && (record.data === 'light' || record.data === 'dark')) {
    document.documentElement.dataset.theme = record.data;
  }
} catch {
  // No storage, or an unreadable record: the device's setting applies.
}
