/**
 * Certificates are made in a short-lived worker thread, so that the certificate library
 * (@peculiar/x509 with its ASN.1 schemas and tsyringe) never loads into the serving thread: loaded
 * there, it kept about 4 MiB of heap for the life of every server that made its certificates at
 * start-up (each first start), and its RSS grew by about 25 MiB.
 *
 * Contract: resolves with what the function of certificates.ts resolves with, or rejects with its
 * error message. The thread runs the compiled dist/tls/certificates.js (built by `npm ci`).
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { repoPath } from '../lib/repo-root.js';
import type { KeyedCertificate } from './certificates.js';

// import(), not require(): the thread's code is a module when node runs with --input-type=module.
const THREAD = `
import('node:worker_threads').then(async ({ parentPort, workerData }) => {
  try {
    const m = await import(workerData.module);
    parentPort.postMessage({ value: await m[workerData.fn](...workerData.args) });
  } catch (e) {
    parentPort.postMessage({ error: e instanceof Error ? e.message : String(e) });
  }
});
`;

type Library = typeof import('./certificates.js');
type Maker = 'createCa' | 'issueServerCertificate';

export function inCertificateThread<K extends Maker>(
  fn: K,
  ...args: Parameters<Library[K]>
): Promise<KeyedCertificate> {
  const module = pathToFileURL(repoPath('dist', 'tls', 'certificates.js')).href;
  return new Promise((resolve, reject) => {
    const worker = new Worker(THREAD, { eval: true, workerData: { module, fn, args } });
    worker.once('message', (m: { value?: KeyedCertificate; error?: string }) => {
      if (m.value) resolve(m.value);
      else reject(new Error(m.error ?? 'the certificate thread answered nothing'));
      void worker.terminate();
    });
    worker.once('error', reject);
    // After an answer this changes nothing; before one, the thread died without answering.
    worker.once('exit', (code) => reject(new Error(`the certificate thread exited with code ${code}`)));
  });
}
