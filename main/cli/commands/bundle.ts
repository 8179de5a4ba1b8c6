import type { Command } from 'commander';
import { writeKeyPair } from '../../core/bundles/key-files';

/** `labdeck bundle keygen|create|verify|import`: offline bundles of labs, scenarios and their images. */
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
      process.stdout.write(`key ${keyId}\n  secret key: ${o.secret} (sign with --sign ${o.secret}; keep it off the trainees' machines)\n  public key: ${o.pub} (give it to importers: --pub ${o.pub}, or add it in Settings)\n`);
    });
}
