// Counts pairs of edges whose straight segments between node centres cross (edges sharing an
// endpoint never count). One function for every engine, so the counts compare like for like.
'use strict';
function crossings(edges, centres) {
  const segs = [];
  const seen = new Set();
  for (const e of edges) {
    const k = e.from + '\u0000' + e.to;
    if (seen.has(k) || e.from === e.to) continue;
    seen.add(k);
    const a = centres.get(e.from), b = centres.get(e.to);
    if (a && b) segs.push({ a, b, f: e.from, t: e.to, minX: Math.min(a.x, b.x), maxX: Math.max(a.x, b.x) });
  }
  segs.sort((p, q) => p.minX - q.minX);
  const orient = (p, q, r) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  let count = 0;
  for (let i = 0; i < segs.length; ++i) {
    const s = segs[i];
    for (let j = i + 1; j < segs.length && segs[j].minX <= s.maxX; ++j) {
      const u = segs[j];
      if (s.f === u.f || s.f === u.t || s.t === u.f || s.t === u.t) continue;
      const o1 = orient(s.a, s.b, u.a), o2 = orient(s.a, s.b, u.b);
      const o3 = orient(u.a, u.b, s.a), o4 = orient(u.a, u.b, s.b);
      if (o1 * o2 < 0 && o3 * o4 < 0) ++count;
    }
  }
  return count;
}
module.exports = { crossings };
if (require.main === module) {
  // node crossings.js GRAPH.json LAYOUT.json: LAYOUT is {"id": {"x", "y"}} of node centres.
  const fs = require('fs');
  const graph = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const layout = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  console.log(crossings(graph.edges, new Map(Object.entries(layout))));
}
