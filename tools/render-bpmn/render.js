// Renders a BPMN file to SVG and PNG with bpmn-js in headless Chromium.
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');
(async () => {
  const [,, bpmnFile, outBase] = process.argv;
  const xml = fs.readFileSync(bpmnFile, 'utf8');
  const viewer = fs.readFileSync(path.join(__dirname, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js'), 'utf8');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 2200, height: 900 }, deviceScaleFactor: 1 });
  await page.setContent('<html><head><meta charset="utf-8"><style>body{margin:0;background:#fff;font-family:"Noto Sans CJK SC",sans-serif}</style></head><body><div id="c" style="width:2200px;height:900px"></div></body></html>');
  await page.addScriptTag({ content: viewer });
  const svg = await page.evaluate(async (xml) => {
    const v = new BpmnJS({ container: '#c' });
    await v.importXML(xml);
    v.get('canvas').zoom('fit-viewport');
    const { svg } = await v.saveSVG();
    return svg;
  }, xml);
  fs.writeFileSync(outBase + '.svg', svg);
  await page.setContent('<html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff">' + svg + '</body></html>');
  const el = await page.$('svg');
  await el.screenshot({ path: outBase + '.png' });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
