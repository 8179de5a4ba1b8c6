import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { writeKeyPair } from '../../core/bundles/key-files';
import { printJson, withCore } from '../with-core';
import { importText, manifestText, mb, parseSize } from './bundle-text';

interface TrustFlags {
  pub?: string[];
  allowUnsigned?: boolean;
  json?: boolean;
}
const collect = (v: string, prev: string[] = []): string[] => [...prev, v];
const warnUnsigned = (signed: boolean): void => {
  if (!signed) process.stderr.write('labdeck: WARNING: this bundle is not signed; nothing proves who made it\n');
};

/** `labdeck bundle keygen|create|verify|import|trust|keys`: offline bundles of labs, scenarios and their images. */
export function registerBundle(program: Command): void {
  const bundle = program.command('bundle').description('offline bundles: labs, scenarios and their images in one signed file');
  bundle
    .command('keygen')
    .description('make a signing key pair in minisign format (the secret key unencrypted: keep it safe)')
    .option('-s, --secret <file>', 'secret key file', 'labdeck.key')
    .option('-p, --pub <file>', 'public key file', 'labdeck.pub')
    .option('--force', 'overwrite existing key files')
    .action((o: { secret: string; pub: string; force?: boolean }) => {
      const { keyId } = writeKeyPair(o.secret, o.pub, o.force ?? false);
      process.stdout.write(`key ${keyId}\n  secret key: ${o.secret} (sign with --sign ${o.secret}; keep it off the trainees' machines)\n  public key: ${o.pub} (give it to importers: --pub ${o.pub}, or \`labdeck bundle trust ${o.pub}\`)\n`);
    });

  bundle
    .command('create [names...]')
    .description('bundle labs and scenarios (and the labs they need) with every image they use')
    .requiredOption('-o, --out <file>', 'the bundle file (FILE.part1… with --split)')
    .option('--all', 'every lab and scenario')
    .option('--sign <keyfile>', 'sign with this minisign secret key')
    .option('--split <size>', 'split into parts of this size (4g for FAT32 sticks)')
    .option('--json', 'print the manifest as JSON')
    .action((names: string[], o: { out: string; all?: boolean; sign?: string; split?: string; json?: boolean }) =>
      withCore(async (core) => {
        const started = new Map<string, number>();
        const r = await core.bundles.create({
          names,
          all: o.all,
          out: o.out,
          signKey: o.sign,
          split: o.split ? parseSize(o.split) : undefined,
          onProgress: (p) => {
            if (!started.has(p.image)) started.set(p.image, Date.now());
            const secs = ((Date.now() - started.get(p.image)!) / 1000).toFixed(1);
            process.stderr.write(p.done ? `  image ${p.image}: ${mb(p.bytes)} in ${secs} s\n` : `  image ${p.image}: ${mb(p.bytes)} of ~${mb(p.estimate)}\n`);
          },
        });
        if (o.json) return printJson(r.manifest);
        process.stdout.write(`wrote ${r.files.join(', ')}${o.sign ? '' : ' (unsigned)'}\n  labs: ${r.manifest.contents.labs.join(', ') || '-'}; scenarios: ${r.manifest.contents.scenarios.join(', ') || '-'}; ${r.manifest.images.length} images\n`);
      }),
    );

  bundle
    .command('verify <file>')
    .description('check a bundle (every part, checksum and the signature) without loading anything')
    .option('--pub <keyfile>', "the signer's public key (repeatable; Settings' trusted keys count too)", collect)
    .option('--allow-unsigned', 'accept a bundle with no signature')
    .option('--json', 'print the manifest as JSON')
    .action((file: string, o: TrustFlags) =>
      withCore(async (core) => {
        const r = await core.bundles.verify(file, { pubFiles: o.pub, allowUnsigned: o.allowUnsigned });
        warnUnsigned(r.signature.signed);
        if (o.json) printJson({ signature: r.signature, manifest: r.manifest });
        else process.stdout.write(`${manifestText(r.manifest, r.signature)}\nOK: ${file} verified\n`);
      }),
    );

  bundle
    .command('import <file>')
    .description('verify a bundle completely, then load its images into the engine and install its labs, scenarios and dashboards')
    .option('--pub <keyfile>', "the signer's public key (repeatable; Settings' trusted keys count too)", collect)
    .option('--allow-unsigned', 'accept a bundle with no signature')
    .option('--replace', 'overwrite labs, scenarios and dashboards of the same name in the data folder')
    .option('--cluster <lab>', 'also copy the images into this running cluster lab (k3d image import)')
    .option('--json', 'print the result as JSON')
    .action((file: string, o: TrustFlags & { replace?: boolean; cluster?: string }) =>
      withCore(async (core) => {
        // Ctrl-C cancels: nothing is installed, the image being loaded is removed, whole ones stay
        const stop = new AbortController();
        const cancel = (): void => {
          process.stderr.write('cancelling: nothing will be installed; the image being loaded is removed, images already loaded whole stay…\n');
          stop.abort();
        };
        process.once('SIGINT', cancel);
        process.once('SIGTERM', cancel);
        const r = await core.bundles
          .import(file, {
            pubFiles: o.pub,
            allowUnsigned: o.allowUnsigned,
            replace: o.replace,
            cluster: o.cluster,
            signal: stop.signal,
            onProgress: (p) => process.stderr.write(`  image ${p.image}: ${p.present ? 'already present (same ID), skipped' : p.done ? 'loaded' : `${mb(p.bytes)} of ${mb(p.total)}`}\n`),
          })
          .finally(() => {
            process.off('SIGINT', cancel);
            process.off('SIGTERM', cancel);
          });
        warnUnsigned(r.signature.signed);
        if (o.json) printJson({ signature: r.signature, images: r.images, items: r.items });
        else process.stdout.write(`${importText(r)}\n`);
      }),
    );

  bundle
    .command('trust <pubfile>')
    .description('trust bundles signed by this minisign public key (kept in Settings)')
    .action((file: string) =>
      withCore(async (core) => {
        const k = core.bundles.trusted.add(readFileSync(file, 'utf8'));
        process.stdout.write(`trusted key ${k.id}\n`);
      }),
    );

  bundle
    .command('keys')
    .description('the trusted bundle signing keys')
    .option('--remove <id>', 'stop trusting this key')
    .action((o: { remove?: string }) =>
      withCore(async (core) => {
        if (o.remove) process.stdout.write(core.bundles.trusted.remove(o.remove) ? `removed key ${o.remove}\n` : `no trusted key ${o.remove}\n`);
        for (const k of core.bundles.trusted.list()) process.stdout.write(`${k.id}  added ${k.addedAt}\n`);
      }),
    );
}
