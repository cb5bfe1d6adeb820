/**
 * Float32 matrix-multiply kernels on flat row-major buffers. Every variant keeps its
 * innermost loop over contiguous memory: C[M,N] (+)= A[M,K] B[K,N], A B^T, or A^T B.
 */

/** c[cOffset..] (+)= A[M,K] · B[K,N]. */
export function gemmNN(
  a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, c: Float32Array, cOffset: number,
  m: number, k: number, n: number, accumulate: boolean,
): void {
  if (!accumulate) c.fill(0, cOffset, cOffset + m * n);
  for (let i = 0; i < m; i++) {
    const cRow = cOffset + i * n;
    const aRow = aOffset + i * k;
    for (let p = 0; p < k; p++) {
      const aValue = a[aRow + p];
      if (aValue === 0) continue;
      const bRow = bOffset + p * n;
      for (let j = 0; j < n; j++) c[cRow + j] += aValue * b[bRow + j];
    }
  }
}

/** c (+)= A[M,K] · B[N,K]^T, as dot products, four output columns at a time so each A value is loaded once. */
export function gemmNT(
  a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, c: Float32Array, cOffset: number,
  m: number, k: number, n: number, accumulate: boolean,
): void {
  for (let i = 0; i < m; i++) {
    const aRow = aOffset + i * k;
    const cRow = cOffset + i * n;
    let j = 0;
    for (; j + 3 < n; j += 4) {
      const b0 = bOffset + j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const aValue = a[aRow + p];
        s0 += aValue * b[b0 + p];
        s1 += aValue * b[b1 + p];
        s2 += aValue * b[b2 + p];
        s3 += aValue * b[b3 + p];
      }
      if (accumulate) {
        c[cRow + j] += s0;
        c[cRow + j + 1] += s1;
        c[cRow + j + 2] += s2;
        c[cRow + j + 3] += s3;
      } else {
        c[cRow + j] = s0;
        c[cRow + j + 1] = s1;
        c[cRow + j + 2] = s2;
        c[cRow + j + 3] = s3;
      }
    }
    for (; j < n; j++) {
      const bRow = bOffset + j * k;
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[aRow + p] * b[bRow + p];
      c[cRow + j] = accumulate ? c[cRow + j] + sum : sum;
    }
  }
}

/** c (+)= A[K,M]^T · B[K,N]. */
export function gemmTN(
  a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, c: Float32Array, cOffset: number,
  m: number, k: number, n: number, accumulate: boolean,
): void {
  if (!accumulate) c.fill(0, cOffset, cOffset + m * n);
  for (let p = 0; p < k; p++) {
    const aRow = aOffset + p * m;
    const bRow = bOffset + p * n;
    for (let i = 0; i < m; i++) {
      const aValue = a[aRow + i];
      if (aValue === 0) continue;
      const cRow = cOffset + i * n;
      for (let j = 0; j < n; j++) c[cRow + j] += aValue * b[bRow + j];
    }
  }
}
