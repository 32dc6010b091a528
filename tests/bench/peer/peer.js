// Lays out the graphs bench_view --json wrote with dagre (dbt docs' engine) and elkjs (layered),
// left to right, each run in a child process with a time limit; prints the time and the edge
// crossings of each layout (straight segments between node centres, the same count as
// crossings.js gives for Sightline's own layout). Usage: node peer.js DIR [--limit SECONDS]
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { crossings } = require('./crossings');

if (process.argv[2] === '--child') {
  const [engine, file] = process.argv.slice(3);
  const graph = JSON.parse(fs.readFileSync(file, 'utf8'));
  const start = process.hrtime.bigint();
  const done = (centres) => {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(JSON.stringify({ ms, crossings: crossings(graph.edges, centres) }));
  };
  if (engine === 'dagre') {
    const dagre = require('dagre');
    const g = new dagre.graphlib.Graph({ multigraph: false });
    g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 56 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const n of graph.nodes) g.setNode(n.id, { width: n.width, height: n.height });
    for (const e of graph.edges) g.setEdge(e.from, e.to);
    dagre.layout(g);
    const centres = new Map(graph.nodes.map((n) => [n.id, { x: g.node(n.id).x, y: g.node(n.id).y }]));
    done(centres);
  } else {
    const ELK = require('elkjs/lib/elk.bundled.js');
    const elk = new ELK();
    const seen = new Set();
    const edges = [];
    graph.edges.forEach((e, i) => {
      const k = e.from + '\u0000' + e.to;
      if (!seen.has(k)) { seen.add(k); edges.push({ id: 'e' + i, sources: [e.from], targets: [e.to] }); }
    });
    elk.layout({
      id: 'root',
      layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': '14', 'elk.layered.spacing.nodeNodeBetweenLayers': '56' },
      children: graph.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
      edges,
    }).then((out) => {
      done(new Map(out.children.map((c) => [c.id, { x: c.x + c.width / 2, y: c.y + c.height / 2 }])));
    });
  }
  return;
}

const dir = process.argv[2] || '.';
const li = process.argv.indexOf('--limit');
const limit = li > 0 ? Number(process.argv[li + 1]) : 120;
for (const size of [200, 1000, 3000]) {
  const file = path.join(dir, `graph-${size}.json`);
  if (!fs.existsSync(file)) continue;
  for (const engine of ['dagre', 'elkjs']) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=4096', __filename, '--child', engine, file],
      { timeout: limit * 1000, encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      console.log(`${size}\t${engine}\tdid not finish in ${limit} s`);
    } else {
      const { ms, crossings: c } = JSON.parse(r.stdout);
      console.log(`${size}\t${engine}\t${ms.toFixed(0)} ms\t${c} crossings`);
    }
  }
}
