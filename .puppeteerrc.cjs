// Galley finds a browser at run time (see src/pdf/browser.ts); never download one at install.
module.exports = { skipDownload: true };
