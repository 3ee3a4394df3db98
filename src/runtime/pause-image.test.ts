import { describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import { PAUSE_LAYOUT, pauseElf, pauseImageName, pauseTar } from './pause-image.js';

describe('pause ELF (x86-64)', () => {
  const elf = pauseElf('x86_64');
  const { handler, sigaction } = PAUSE_LAYOUT.x86_64;

  it('is a 216-byte static x86-64 executable with one PT_LOAD segment covering the file', () => {
    expect(elf.length).toBe(216);
    expect([...elf.subarray(0, 7)]).toEqual([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
    expect(elf.readUInt16LE(16)).toBe(2); // ET_EXEC
    expect(elf.readUInt16LE(18)).toBe(0x3e); // x86-64
    expect(elf.readBigUInt64LE(24)).toBe(0x400078n); // entry = first code byte
    expect(elf.readUInt16LE(56)).toBe(1); // one program header
    expect(elf.readUInt32LE(64)).toBe(1); // PT_LOAD
    expect(elf.readBigUInt64LE(64 + 32)).toBe(216n); // p_filesz
    expect(elf.readBigUInt64LE(64 + 40)).toBe(216n); // p_memsz
  });

  it('registers a handler with SA_RESTORER that calls exit_group(0)', () => {
    const act = 0x78 + sigaction;
    expect(elf.readBigUInt64LE(act)).toBe(BigInt(0x400078 + handler));
    expect(elf.readBigUInt64LE(act + 8)).toBe(0x04000000n);
    // mov eax, 231; xor edi, edi; syscall
    expect([...elf.subarray(0x78 + handler, 0x78 + handler + 9)]).toEqual([0xb8, 231, 0, 0, 0, 0x31, 0xff, 0x0f, 0x05]);
    // lea rsi, [rip + rel32] points at the sigaction struct
    const lea = 0x78 + 10;
    expect([...elf.subarray(lea, lea + 3)]).toEqual([0x48, 0x8d, 0x35]);
    expect(lea + 7 + elf.readInt32LE(lea + 3)).toBe(act);
  });
});

describe('pause ELF (arm64)', () => {
  const elf = pauseElf('aarch64');
  const { handler, sigaction } = PAUSE_LAYOUT.aarch64;
  const word = (codeOffset: number) => elf.readUInt32LE(0x78 + codeOffset);

  it('is a static AArch64 executable with 64 KiB segment alignment', () => {
    expect(elf.length).toBe(232);
    expect(elf.readUInt16LE(18)).toBe(0xb7); // EM_AARCH64
    expect(elf.readBigUInt64LE(64 + 48)).toBe(0x10000n);
    expect(elf.readBigUInt64LE(64 + 32)).toBe(232n);
  });

  it('points adr x1 at the sigaction struct, whose handler calls exit_group(0)', () => {
    const adr = word(8);
    expect(adr & 0x9f00001f).toBe(0x10000001); // adr x1
    const imm = (((adr >>> 5) & 0x7ffff) << 2) | ((adr >>> 29) & 3);
    expect(8 + imm).toBe(sigaction);
    expect(elf.readBigUInt64LE(0x78 + sigaction)).toBe(BigInt(0x400078 + handler));
    expect([word(handler), word(handler + 4), word(handler + 8)]).toEqual([0xd2800bc8, 0xd2800000, 0xd4000001]); // x8=94, x0=0, svc
  });
});

describe('pause image', () => {
  it('is the same on every call, so the image tag is stable, and differs per architecture', () => {
    expect(pauseElf().equals(pauseElf())).toBe(true);
    expect(pauseImageName('x86_64')).toMatch(/^fargate-local\/pause:[0-9a-f]{12}$/);
    expect(pauseImageName('aarch64')).not.toBe(pauseImageName('x86_64'));
  });

  it('the tar holds exactly /pause, executable, with the ELF as content', async () => {
    const extract = tar.extract();
    extract.end(await pauseTar('x86_64'));
    const entries: { name: string; mode: number | undefined; body: Buffer }[] = [];
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      entries.push({ name: entry.header.name, mode: entry.header.mode, body: Buffer.concat(chunks) });
    }
    expect(entries).toHaveLength(1);
    expect(entries[0]!.name).toBe('pause');
    expect(entries[0]!.mode).toBe(0o755);
    expect(entries[0]!.body.equals(pauseElf('x86_64'))).toBe(true);
  });
});
