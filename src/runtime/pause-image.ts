// The pause container's image: a tiny static ELF that installs a SIGTERM/SIGINT handler calling exit_group(0) and
// then sleeps forever (pause(2) on x86-64, ppoll(2) on arm64, which has no pause). It is generated here and imported
// with `POST /images/create?fromSrc=-`, so no registry is needed. `docker stop` of it takes ~0.2 s (exit 0).
import { createHash } from 'node:crypto';
import tar from 'tar-stream';

/** Architectures as `docker info` names them. */
export type PauseArchitecture = 'x86_64' | 'aarch64';

const LOAD_ADDRESS = 0x400000;
const ELF_HEADER_SIZE = 64;
const PROGRAM_HEADER_SIZE = 56;
const CODE_OFFSET = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE; // 0x78
const SA_RESTORER = 0x04000000;
const SIGINT = 2;
const SIGTERM = 15;

/** Byte offsets inside the code block (relative to CODE_OFFSET) of the handler and the sigaction struct. */
export const PAUSE_LAYOUT = {
  x86_64: { handler: 48, sigaction: 64, size: 96, machine: 0x3e, align: 0x1000 },
  aarch64: { handler: 64, sigaction: 80, size: 112, machine: 0xb7, align: 0x10000 },
} as const;

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function x86Code(): number[] {
  const { sigaction } = PAUSE_LAYOUT.x86_64;
  const leaEnd = 5 + 5 + 7; // the lea below ends 17 bytes into the code
  return [
    0xb8,
    ...u32(13), //                     mov eax, 13         rt_sigaction(
    0xbf,
    ...u32(SIGTERM), //                mov edi, 15           SIGTERM,
    0x48,
    0x8d,
    0x35,
    ...u32(sigaction - leaEnd), // lea rsi, [rip+act]  &act,
    0x31,
    0xd2, //                           xor edx, edx          NULL,
    0x41,
    0xba,
    ...u32(8), //                mov r10d, 8           sizeof(sigset_t))
    0x0f,
    0x05, //                           syscall
    0xb8,
    ...u32(13), //                     mov eax, 13         rt_sigaction(SIGINT, &act, NULL, 8)
    0xbf,
    ...u32(SIGINT), //                 mov edi, 2            (rsi, rdx, r10 survive syscall)
    0x0f,
    0x05, //                           syscall
    0xb8,
    ...u32(34), //                loop: mov eax, 34        pause()
    0x0f,
    0x05, //                           syscall
    0xeb,
    0xf7, //                           jmp loop
    0xb8,
    ...u32(231), //            handler: mov eax, 231       exit_group(0)
    0x31,
    0xff, //                           xor edi, edi
    0x0f,
    0x05, //                           syscall
  ];
}

/** movz x<rd>, #imm16 */
const movz = (rd: number, imm: number) => 0xd2800000 | (imm << 5) | rd;
const SVC0 = 0xd4000001;

function arm64Code(): number[] {
  const { sigaction } = PAUSE_LAYOUT.aarch64;
  const adrX1 = (at: number) => {
    const off = sigaction - at;
    return (0x10000000 | ((off & 3) << 29) | (((off >> 2) & 0x7ffff) << 5) | 1) >>> 0;
  };
  const words = [
    movz(8, 134), //            rt_sigaction(
    movz(0, SIGTERM), //          SIGTERM,
    adrX1(8), //                  &act,
    movz(2, 0), //                NULL,
    movz(3, 8), //                sizeof(sigset_t))
    SVC0,
    movz(8, 134), //            rt_sigaction(SIGINT, …): x1..x3 survive svc
    movz(0, SIGINT),
    SVC0,
    movz(8, 73), //       loop: ppoll(NULL, 0, NULL, NULL): sleeps until a signal
    movz(0, 0),
    movz(1, 0),
    movz(2, 0),
    movz(3, 0),
    SVC0,
    (0x14000000 | (-6 & 0x3ffffff)) >>> 0, // b loop
    movz(8, 94), //    handler: exit_group(0)
    movz(0, 0),
    SVC0,
  ];
  return words.flatMap((w) => u32(w >>> 0));
}

function codeBlock(arch: PauseArchitecture): Buffer {
  const layout = PAUSE_LAYOUT[arch];
  const bytes = arch === 'x86_64' ? x86Code() : arm64Code();
  const handlerEnd = layout.handler + (arch === 'x86_64' ? 9 : 12);
  if (bytes.length !== handlerEnd) throw new Error(`pause ELF (${arch}): code layout drifted`);
  const out = Buffer.alloc(layout.size);
  Buffer.from(bytes).copy(out, 0);
  // struct kernel_sigaction { handler; flags; restorer; mask } (the same on both). x86-64 only delivers to a
  // handler when SA_RESTORER is set; the handler never returns, so the restorer can point at it.
  const handlerAddress = BigInt(LOAD_ADDRESS + CODE_OFFSET + layout.handler);
  out.writeBigUInt64LE(handlerAddress, layout.sigaction);
  out.writeBigUInt64LE(BigInt(SA_RESTORER), layout.sigaction + 8);
  out.writeBigUInt64LE(handlerAddress, layout.sigaction + 16);
  out.writeBigUInt64LE(0n, layout.sigaction + 24);
  return out;
}

/** The ELF executable (static, no sections, one PT_LOAD segment covering the whole file). */
export function pauseElf(arch: PauseArchitecture = 'x86_64'): Buffer {
  const layout = PAUSE_LAYOUT[arch];
  const body = codeBlock(arch);
  const size = CODE_OFFSET + body.length;
  const h = Buffer.alloc(CODE_OFFSET);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(h, 0); // magic, 64-bit, little-endian, v1, System V
  h.writeUInt16LE(2, 16); // e_type: ET_EXEC
  h.writeUInt16LE(layout.machine, 18); // e_machine
  h.writeUInt32LE(1, 20); // e_version
  h.writeBigUInt64LE(BigInt(LOAD_ADDRESS + CODE_OFFSET), 24); // e_entry
  h.writeBigUInt64LE(BigInt(ELF_HEADER_SIZE), 32); // e_phoff
  h.writeBigUInt64LE(0n, 40); // e_shoff: no sections
  h.writeUInt32LE(0, 48); // e_flags
  h.writeUInt16LE(ELF_HEADER_SIZE, 52); // e_ehsize
  h.writeUInt16LE(PROGRAM_HEADER_SIZE, 54); // e_phentsize
  h.writeUInt16LE(1, 56); // e_phnum
  h.writeUInt16LE(64, 58); // e_shentsize
  h.writeUInt16LE(0, 60); // e_shnum
  h.writeUInt16LE(0, 62); // e_shstrndx
  const p = ELF_HEADER_SIZE;
  h.writeUInt32LE(1, p); // p_type: PT_LOAD
  h.writeUInt32LE(5, p + 4); // p_flags: R+X
  h.writeBigUInt64LE(0n, p + 8); // p_offset
  h.writeBigUInt64LE(BigInt(LOAD_ADDRESS), p + 16); // p_vaddr
  h.writeBigUInt64LE(BigInt(LOAD_ADDRESS), p + 24); // p_paddr
  h.writeBigUInt64LE(BigInt(size), p + 32); // p_filesz
  h.writeBigUInt64LE(BigInt(size), p + 40); // p_memsz
  h.writeBigUInt64LE(BigInt(layout.align), p + 48); // p_align
  return Buffer.concat([h, body]);
}

/** A tar holding `/pause` (mode 0755), ready for `docker import`. */
export async function pauseTar(arch: PauseArchitecture = 'x86_64'): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'pause', mode: 0o755, mtime: new Date(0), uid: 0, gid: 0 }, pauseElf(arch));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `fargate-local/pause:<first 12 hex of the ELF's sha256>`: a new ELF gets a new tag. */
export function pauseImageName(arch: PauseArchitecture = 'x86_64'): string {
  return `fargate-local/pause:${createHash('sha256').update(pauseElf(arch)).digest('hex').slice(0, 12)}`;
}

export const PAUSE_IMAGE_CHANGES = ['ENTRYPOINT ["/pause"]'];
