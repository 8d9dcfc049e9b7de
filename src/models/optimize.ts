/**
 * Unconstrained minimisation by BFGS with a strong-Wolfe line search (Nocedal & Wright 2006,
 * Numerical Optimization, algorithms 6.1, 3.5 and 3.6), a restart from its own optimum to confirm
 * convergence (as the BTYD walkthrough re-runs a fit from its output), the Hessian by central
 * differences of the analytic gradient, and the inverse of a symmetric positive definite matrix
 * by Cholesky factorisation. The models fit their log-parameters with it.
 *
 * @module
 */

/** An objective: returns f(x) and writes ∇f(x) into `gradient`. Non-finite values mean "outside". */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

/** Limits of {@link minimize}. */
export interface MinimizeOptions {
  /** Iterations of one BFGS run. */
  readonly maxIterations: number;
  /** Converged when the largest |∂f/∂x_i| is at most this. */
  readonly tolerance: number;
}

/** The outcome of {@link minimize}. */
export interface MinimizeResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  /** BFGS iterations over both runs. */
  readonly iterations: number;
  /** Objective evaluations over both runs. */
  readonly evaluations: number;
  /** Largest |∂f/∂x_i| at `x`. */
  readonly gradientNorm: number;
  /** Both runs ended with the gradient within tolerance. */
  readonly converged: boolean;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const e of v) m = Math.max(m, Math.abs(e));
  return m;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

interface Point {
  x: Float64Array;
  f: number;
  g: Float64Array;
}

/** f at x + step·direction. */
function probe(objective: Objective, base: Float64Array, dir: Float64Array, step: number): Point {
  const x = new Float64Array(base.length);
  for (let i = 0; i < x.length; i++) x[i] = (base[i] as number) + step * (dir[i] as number);
  const g = new Float64Array(base.length);
  const f = objective(x, g);
  return { x, f: Number.isFinite(f) && g.every(Number.isFinite) ? f : Number.POSITIVE_INFINITY, g };
}

const C1 = 1e-4;
const C2 = 0.9;

/**
 * A step along `dir` satisfying the strong Wolfe conditions (N&W algorithms 3.5 and 3.6, with
 * bisection in the zoom), or the lowest point found; null when no step lowers f.
 */
function lineSearch(
  objective: Objective,
  start: Point,
  dir: Float64Array,
  counter: { evaluations: number },
): Point | null {
  const d0 = dot(start.g, dir);
  const sufficient = (p: Point, step: number): boolean => p.f <= start.f + C1 * step * d0;
  const curvature = (p: Point): boolean => Math.abs(dot(p.g, dir)) <= -C2 * d0;
  const zoom = (loStep: number, lo: Point, hiStep: number): Point | null => {
    for (let k = 0; k < 50; k++) {
      const step = (loStep + hiStep) / 2;
      const p = probe(objective, start.x, dir, step);
      counter.evaluations++;
      if (!sufficient(p, step) || p.f >= lo.f) {
        hiStep = step;
      } else {
        if (curvature(p)) return p;
        if (dot(p.g, dir) * (hiStep - loStep) >= 0) hiStep = loStep;
        loStep = step;
        lo = p;
      }
      if (Math.abs(hiStep - loStep) <= 1e-15 * Math.max(1, Math.abs(loStep))) break;
    }
    return lo === start ? null : lo;
  };
  let prevStep = 0;
  let prev = start;
  let step = 1;
  for (let k = 0; k < 40; k++) {
    const p = probe(objective, start.x, dir, step);
    counter.evaluations++;
    if (!sufficient(p, step) || (k > 0 && p.f >= prev.f)) return zoom(prevStep, prev, step);
    if (curvature(p)) return p;
    if (dot(p.g, dir) >= 0) return zoom(step, p, prevStep);
    prevStep = step;
    prev = p;
    step *= 2;
  }
  return prev === start ? null : prev;
}

function bfgs(
  objective: Objective,
  x0: Float64Array,
  options: MinimizeOptions,
  counter: { evaluations: number; iterations: number },
): { point: Point; converged: boolean } {
  const n = x0.length;
  let point: Point = probe(objective, x0, new Float64Array(n), 0);
  counter.evaluations++;
  // Inverse Hessian approximation, row-major.
  let h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) h[i * n + i] = 1;
  let scaled = false;
  const dir = new Float64Array(n);
  for (let it = 0; it < options.maxIterations; it++) {
    if (maxAbs(point.g) <= options.tolerance) return { point, converged: true };
    counter.iterations++;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= (h[i * n + j] as number) * (point.g[j] as number);
      dir[i] = s;
    }
    if (dot(dir, point.g) >= 0) {
      // Not a descent direction: reset to steepest descent.
      h = new Float64Array(n * n);
      for (let i = 0; i < n; i++) h[i * n + i] = 1;
      for (let i = 0; i < n; i++) dir[i] = -(point.g[i] as number);
    }
    const next = lineSearch(objective, point, dir, counter);
    if (next === null) return { point, converged: maxAbs(point.g) <= options.tolerance };
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (next.x[i] as number) - (point.x[i] as number);
      y[i] = (next.g[i] as number) - (point.g[i] as number);
    }
    point = next;
    const sy = dot(s, y);
    if (sy > 1e-300) {
      if (!scaled) {
        const scale = sy / dot(y, y);
        for (let i = 0; i < n; i++) h[i * n + i] = scale;
        scaled = true;
      }
      const rho = 1 / sy;
      const hy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += (h[i * n + j] as number) * (y[j] as number);
        hy[i] = v;
      }
      const yhy = dot(y, hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          h[i * n + j] =
            (h[i * n + j] as number) -
            rho * ((hy[i] as number) * (s[j] as number) + (s[i] as number) * (hy[j] as number)) +
            (rho * rho * yhy + rho) * (s[i] as number) * (s[j] as number);
        }
      }
    }
  }
  return { point, converged: maxAbs(point.g) <= options.tolerance };
}

/**
 * Minimises `objective` from `x0` by BFGS, then restarts BFGS from the optimum found (with a
 * fresh curvature estimate) to confirm it: converged only when both runs end with the largest
 * gradient component within the tolerance.
 *
 * @internal
 */
export function minimize(
  objective: Objective,
  x0: Float64Array,
  options: MinimizeOptions,
): MinimizeResult {
  const counter = { evaluations: 0, iterations: 0 };
  const first = bfgs(objective, x0, options, counter);
  const second = bfgs(objective, first.point.x, options, counter);
  const best = second.point.f <= first.point.f ? second.point : first.point;
  return {
    x: best.x,
    value: best.f,
    gradient: best.g,
    iterations: counter.iterations,
    evaluations: counter.evaluations,
    gradientNorm: maxAbs(best.g),
    converged: first.converged && second.converged && Number.isFinite(best.f),
  };
}

/**
 * The Hessian of `objective` at `x` by central differences of its gradient (step 10⁻⁵ per
 * coordinate), symmetrised. Row-major, n × n.
 *
 * @internal
 */
export function hessianFromGradient(objective: Objective, x: Float64Array): Float64Array {
  const n = x.length;
  const hess = new Float64Array(n * n);
  const gp = new Float64Array(n);
  const gm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const step = 1e-5 * Math.max(1, Math.abs(x[j] as number));
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] = (x[j] as number) + step;
    xm[j] = (x[j] as number) - step;
    objective(xp, gp);
    objective(xm, gm);
    for (let i = 0; i < n; i++)
      hess[i * n + j] = ((gp[i] as number) - (gm[i] as number)) / (2 * step);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const m = ((hess[i * n + j] as number) + (hess[j * n + i] as number)) / 2;
      hess[i * n + j] = m;
      hess[j * n + i] = m;
    }
  }
  return hess;
}

/**
 * The inverse of a symmetric positive definite n × n matrix (row-major) by Cholesky
 * factorisation, or null when the matrix is not positive definite (or not finite).
 *
 * @internal
 */
export function invertSpd(matrix: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = matrix[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / (l[j * n + j] as number);
      }
    }
  }
  // Inverse of L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹.
  const li = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    li[i * n + i] = 1 / (l[i * n + i] as number);
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= (l[i * n + k] as number) * (li[k * n + j] as number);
      li[i * n + j] = s / (l[i * n + i] as number);
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = Math.max(i, j); k < n; k++)
        s += (li[k * n + i] as number) * (li[k * n + j] as number);
      inv[i * n + j] = s;
    }
  }
  return inv.every(Number.isFinite) ? inv : null;
}
