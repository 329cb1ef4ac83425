// Recognizers-Text (Chinese) over the same files: MB/s of the models a
// commitment needs (numbers, percentages, currency, dimensions).
const R = require('@microsoft/recognizers-text-suite');
const fs = require('fs');
const files = process.argv.slice(2);
const texts = files.map(f => fs.readFileSync(f, 'utf8'));
const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
const C = R.Culture.Chinese;
const t0 = process.hrtime.bigint();
let found = 0;
for (const t of texts) {
  found += R.recognizeNumber(t, C).length + R.recognizePercentage(t, C).length +
           R.recognizeCurrency(t, C).length + R.recognizeDimension(t, C).length;
}
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`Recognizers-Text ${files.length} files ${(bytes/1e6).toFixed(3)} MB: ${s.toFixed(1)} s, ${(bytes/1e6/s).toFixed(3)} MB/s, ${found} entities`);
