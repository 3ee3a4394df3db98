// The pause container's image: a 216-byte static x86-64 ELF that installs a SIGTERM/SIGINT handler calling
// exit_group(0) and then sleeps in pause(2) forever. It is generated here and imported with
// `POST /images/create?fromSrc=-`, so no registry is needed. `docker stop` of it takes ~0.2 s (exit 0).
import { createHash } from 'node:crypto';
import tar from 'tar-stream';

const LOAD_ADDRESS = 0x400000;
const ELF_HEADER_SIZE = 64;
const PROGRAM_HEADER_SIZE = 56;
const CODE_OFFSET = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE; // 0x78
const SA_RESTORER = 0x04000000;
const SYS_RT_SIGACTION = 13;
const SYS_PAUSE = 34;
const SYS_EXIT_GROUP = 231;
const SIGINT = 2;
const SIGTERM = 15;

/** Byte offsets inside the code block (relative to CODE_OFFSET). */
export const PAUSE_LAYOUT = { handler: 48, sigaction: 64, size: 96 } as const;

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function code(): Buffer {
  const handlerAddress = LOAD_ADDRESS + CODE_OFFSET + PAUSE_LAYOUT.handler;
  const leaEnd = 5 + 5 + 7; // the lea below ends 17 bytes into the code
  const bytes = [
    0xb8, ...u32(SYS_RT_SIGACTION), //       mov eax, 13         rt_sigaction(
    0xbf, ...u32(SIGTERM), //                mov edi, 15           SIGTERM,
    0x48, 0x8d, 0x35, ...u32(PAUSE_LAYOUT.sigaction - leaEnd), // lea rsi, [rip+act]   &act,
    0x31, 0xd2, //                           xor edx, edx          NULL,
    0x41, 0xba, ...u32(8), //                mov r10d, 8           sizeof(sigset_t))
    0x0f, 0x05, //                           syscall
    0xb8, ...u32(SYS_RT_SIGACTION), //       mov eax, 13         rt_sigaction(SIGINT, &act, NULL, 8)
    0xbf, ...u32(SIGINT), //                 mov edi, 2            (rsi, rdx, r10 survive syscall)
    0x0f, 0x05, //                           syscall
    0xb8, ...u32(SYS_PAUSE), //         loop: mov eax, 34        pause()
    0x0f, 0x05, //                           syscall
    0xeb, 0xf7, //                           jmp loop
    0xb8, ...u32(SYS_EXIT_GROUP), //  handler: mov eax, 231      exit_group(0)
    0x31, 0xff, //                           xor edi, edi
    0x0f, 0x05, //                           syscall
  ];
  if (bytes.length !== PAUSE_LAYOUT.handler + 9) throw new Error('pause ELF: code layout drifted');
  const out = Buffer.alloc(PAUSE_LAYOUT.size);
  Buffer.from(bytes).copy(out, 0);
  // struct kernel_sigaction { handler; flags; restorer; mask }. x86-64 only delivers to a handler when
  // SA_RESTORER is set; the handler never returns, so the restorer can point at it.
  out.writeBigUInt64LE(BigInt(handlerAddress), PAUSE_LAYOUT.sigaction);
  out.writeBigUInt64LE(BigInt(SA_RESTORER), PAUSE_LAYOUT.sigaction + 8);
  out.writeBigUInt64LE(BigInt(handlerAddress), PAUSE_LAYOUT.sigaction + 16);
  out.writeBigUInt64LE(0n, PAUSE_LAYOUT.sigaction + 24);
  return out;
}

/** The ELF executable (x86-64 Linux, statically "linked", one PT_LOAD segment). */
export function pauseElf(): Buffer {
  const body = code();
  const size = CODE_OFFSET + body.length;
  const h = Buffer.alloc(CODE_OFFSET);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(h, 0); // magic, 64-bit, little-endian, v1, System V
  h.writeUInt16LE(2, 16); // e_type: ET_EXEC
  h.writeUInt16LE(0x3e, 18); // e_machine: x86-64
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
  h.writeBigUInt64LE(0x1000n, p + 48); // p_align
  return Buffer.concat([h, body]);
}

/** A tar holding `/pause` (mode 0755), ready for `docker import`. */
export async function pauseTar(): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'pause', mode: 0o755, mtime: new Date(0), uid: 0, gid: 0 }, pauseElf());
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `fargate-local/pause:<first 12 hex of the ELF's sha256>`: a new ELF gets a new tag. */
export function pauseImageName(): string {
  return `fargate-local/pause:${createHash('sha256').update(pauseElf()).digest('hex').slice(0, 12)}`;
}

export const PAUSE_IMAGE_CHANGES = ['ENTRYPOINT ["/pause"]'];
