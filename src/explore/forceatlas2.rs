//! ForceAtlas2 with the Barnes–Hut approximation: the explorer's layout for
//! graphs too large for the stress layout (`render::builtin`, quadratic).
//!
//! Jacomy, Venturini, Heymann & Bastian, "ForceAtlas2, a Continuous Graph
//! Layout Algorithm for Handy Network Visualization Designed for the Gephi
//! Software", PLoS ONE 9(6): e98679, 2014. Forces as in the paper:
//! repulsion `k_r (deg₁+1)(deg₂+1) / d`, linear attraction `d` along each
//! tie, gravity `k_g (deg+1)` towards the centre; the step of each node is
//! damped by its swinging (the change of its force between two steps), as
//! graphology-layout-forceatlas2 does it. Repulsion is approximated by a
//! quadtree (Barnes & Hut, Nature 324, 1986): a cell seen under an angle
//! smaller than `THETA` acts as one body at its centre of mass.
//!
//! Deterministic: the start is a fixed spiral in node order, the iteration
//! count is fixed, each node's force is computed on its own (in parallel
//! through `par`, which keeps order) and summed in a fixed order.
//!
//! (The `forceatlas2` crate is AGPL-3.0, which the library cannot take.)

use crate::par;

/// Barnes–Hut opening angle: larger is faster and coarser.
const THETA: f64 = 1.2;
/// Repulsion scaling `k_r`.
const SCALING: f64 = 10.0;
/// Gravity `k_g`.
const GRAVITY: f64 = 1.0;
/// A leaf of the quadtree holds at most this many nodes.
const LEAF: usize = 8;
/// The quadtree stops splitting at this depth (coincident nodes).
const MAX_DEPTH: usize = 24;

/// How many iterations a graph of `n` nodes and `m` ties gets: 300 for
/// small graphs, fewer for large ones (each costs about (n log n + m)),
/// and never fewer than 50: 50 for 50,000 nodes and 250,000 ties.
pub fn iterations(n: usize, m: usize) -> usize {
    (15_000_000 / (n + m).max(1)).clamp(50, 300)
}

/// Positions of `n` nodes tied by `edges` (undirected, self-loops
/// ignored) after `iterations` steps.
pub fn layout(n: usize, edges: &[(usize, usize)], iterations: usize) -> Vec<(f64, f64)> {
    let mut mass = vec![1.0f64; n];
    for &(a, b) in edges {
        if a != b {
            mass[a] += 1.0;
            mass[b] += 1.0;
        }
    }
    // A sunflower spiral: every node apart, the same start every run.
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = 10.0 * (i as f64 + 0.5).sqrt();
            let a = i as f64 * golden;
            (r * a.cos(), r * a.sin())
        })
        .collect();
    let mut old = vec![(0.0f64, 0.0f64); n];
    let slow_down = 1.0 + (n.max(1) as f64).ln();
    for _ in 0..iterations {
        let tree = Quadtree::build(&pos, &mass);
        let mut force: Vec<(f64, f64)> = par::map_range(n, |i| {
            let (rx, ry) = tree.repulsion(i, &pos, &mass);
            let (x, y) = pos[i];
            let d = (x * x + y * y).sqrt();
            let g = if d > 0.0 { GRAVITY * mass[i] / d } else { 0.0 };
            (rx - x * g, ry - y * g)
        });
        for &(a, b) in edges {
            if a == b {
                continue;
            }
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            force[a].0 -= dx;
            force[a].1 -= dy;
            force[b].0 += dx;
            force[b].1 += dy;
        }
        for i in 0..n {
            let (fx, fy) = force[i];
            let (ox, oy) = old[i];
            let swinging = mass[i] * ((ox - fx).powi(2) + (oy - fy).powi(2)).sqrt();
            let traction = ((ox + fx).powi(2) + (oy + fy).powi(2)).sqrt() / 2.0;
            let speed = 0.1 * (1.0 + traction).ln() / (1.0 + swinging.sqrt());
            pos[i].0 += fx * speed / slow_down;
            pos[i].1 += fy * speed / slow_down;
            old[i] = (fx, fy);
        }
    }
    pos
}

/// A cell: its square (`x`, `y` the low corner, `size` the side), total
/// mass and centre of mass; children, or a range of `order` for a leaf.
#[derive(Debug, Clone, Copy)]
struct Cell {
    x: f64,
    y: f64,
    size: f64,
    mass: f64,
    cx: f64,
    cy: f64,
    /// First of four consecutive children, or 0 for a leaf (the root is 0
    /// and never a child).
    children: usize,
    start: usize,
    end: usize,
}

impl Cell {
    /// Whether the point lies in the cell's square.
    fn holds(&self, x: f64, y: f64) -> bool {
        (self.x..=self.x + self.size).contains(&x) && (self.y..=self.y + self.size).contains(&y)
    }
}

struct Quadtree {
    cells: Vec<Cell>,
    /// Node indices, grouped by leaf.
    order: Vec<usize>,
}

impl Quadtree {
    fn build(pos: &[(f64, f64)], mass: &[f64]) -> Quadtree {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in pos {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        let size = (x1 - x0).max(y1 - y0).max(1e-9);
        let mut t = Quadtree {
            cells: Vec::with_capacity(pos.len() / 2 + 1),
            order: (0..pos.len()).collect(),
        };
        t.cells.push(Cell {
            x: x0,
            y: y0,
            size,
            mass: 0.0,
            cx: 0.0,
            cy: 0.0,
            children: 0,
            start: 0,
            end: pos.len(),
        });
        t.split(0, 0, pos, mass);
        t
    }

    /// Fills cell `c` (its range of `order` set): mass and centre, and its
    /// children when it holds more than a leaf.
    fn split(&mut self, c: usize, depth: usize, pos: &[(f64, f64)], mass: &[f64]) {
        let Cell {
            x,
            y,
            size,
            start,
            end,
            ..
        } = self.cells[c];
        let (mut m, mut sx, mut sy) = (0.0, 0.0, 0.0);
        for &i in &self.order[start..end] {
            m += mass[i];
            sx += mass[i] * pos[i].0;
            sy += mass[i] * pos[i].1;
        }
        if m > 0.0 {
            self.cells[c].mass = m;
            self.cells[c].cx = sx / m;
            self.cells[c].cy = sy / m;
        }
        if end - start <= LEAF || depth >= MAX_DEPTH {
            return;
        }
        let half = size / 2.0;
        let (mx, my) = (x + half, y + half);
        let quadrant = |i: usize| (pos[i].0 >= mx) as usize + 2 * (pos[i].1 >= my) as usize;
        // Counting sort of the range by quadrant (stable: keeps node order).
        let slice: Vec<usize> = self.order[start..end].to_vec();
        let mut bounds = [start; 5];
        for &i in &slice {
            bounds[quadrant(i) + 1] += 1;
        }
        for q in 1..5 {
            bounds[q] += bounds[q - 1] - start;
        }
        let mut next = bounds;
        for &i in &slice {
            let q = quadrant(i);
            self.order[next[q]] = i;
            next[q] += 1;
        }
        let first = self.cells.len();
        self.cells[c].children = first;
        for q in 0..4 {
            self.cells.push(Cell {
                x: x + half * (q & 1) as f64,
                y: y + half * (q >> 1) as f64,
                size: half,
                mass: 0.0,
                cx: 0.0,
                cy: 0.0,
                children: 0,
                start: bounds[q],
                end: bounds[q + 1],
            });
        }
        for q in 0..4 {
            if bounds[q + 1] > bounds[q] {
                self.split(first + q, depth + 1, pos, mass);
            }
        }
    }

    /// The repulsion on node `i`: exact from the nodes of nearby leaves,
    /// approximated by far cells' centres of mass.
    fn repulsion(&self, i: usize, pos: &[(f64, f64)], mass: &[f64]) -> (f64, f64) {
        let (x, y) = pos[i];
        let (mut fx, mut fy) = (0.0, 0.0);
        let mut push = |dx: f64, dy: f64, m: f64| {
            let d2 = dx * dx + dy * dy;
            if d2 > 0.0 {
                let f = SCALING * mass[i] * m / d2;
                fx += dx * f;
                fy += dy * f;
            }
        };
        let mut stack = vec![0usize];
        while let Some(c) = stack.pop() {
            let cell = self.cells[c];
            if cell.mass == 0.0 {
                continue;
            }
            let (dx, dy) = (x - cell.cx, y - cell.cy);
            let d = (dx * dx + dy * dy).sqrt();
            if cell.children == 0 {
                for &j in &self.order[cell.start..cell.end] {
                    if j != i {
                        push(x - pos[j].0, y - pos[j].1, mass[j]);
                    }
                }
            } else if d > 0.0 && cell.size / d < THETA && !cell.holds(x, y) {
                push(dx, dy, cell.mass);
            } else {
                stack.extend((0..4).map(|q| cell.children + q));
            }
        }
        (fx, fy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two triangles joined by one tie: each triangle's nodes end nearer
    /// each other than to the other triangle's, the run is repeatable, and
    /// no position is lost to NaN.
    #[test]
    fn clusters_stay_together_and_runs_repeat() {
        let edges = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)];
        let p = layout(6, &edges, 300);
        assert_eq!(p, layout(6, &edges, 300));
        assert!(p.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
        let d = |a: usize, b: usize| ((p[a].0 - p[b].0).powi(2) + (p[a].1 - p[b].1).powi(2)).sqrt();
        assert!(d(0, 1) < d(0, 4) && d(4, 5) < d(5, 1));
    }

    /// The Barnes–Hut sum agrees with the exact sum when every cell is
    /// opened (distant cells approximated only past `THETA`).
    #[test]
    fn barnes_hut_is_close_to_the_exact_repulsion() {
        let pos: Vec<(f64, f64)> = (0..200)
            .map(|i| ((i * 37 % 101) as f64, (i * 59 % 97) as f64))
            .collect();
        let mass = vec![1.0; 200];
        let tree = Quadtree::build(&pos, &mass);
        let (ax, ay) = tree.repulsion(7, &pos, &mass);
        let (mut ex, mut ey) = (0.0, 0.0);
        for j in 0..200 {
            if j != 7 {
                let (dx, dy) = (pos[7].0 - pos[j].0, pos[7].1 - pos[j].1);
                let f = SCALING / (dx * dx + dy * dy);
                ex += dx * f;
                ey += dy * f;
            }
        }
        let err = ((ax - ex).powi(2) + (ay - ey).powi(2)).sqrt() / (ex * ex + ey * ey).sqrt();
        assert!(err < 0.25, "relative error {err}");
    }
}
