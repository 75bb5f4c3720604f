// Reads a SQLite database file's header and its write-ahead log (-wal) byte by byte, without
// SQLite, so that damage SQLite would pass over in silence is seen: SQLite ignores a WAL whose
// header is damaged, and every frame from the first damaged one on, dropping the changes those
// frames hold. Formats: https://www.sqlite.org/fileformat2.html (sections 1.3 and 4).
import fs from 'node:fs';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;
const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;
/** The WAL's magic number; its lowest bit says in which byte order the checksums read words. */
const WAL_MAGIC = 0x377f0682;

export interface DatabaseHeader {
  pageSize: number;
  /** the page count the header records, when the header says it is current (else null) */
  pagesInHeader: number | null;
}

export interface FileInspection {
  problems: string[];
  header: DatabaseHeader | null;
  /** the file's size in bytes */
  bytes: number;
}

function isPageSize(size: number): boolean {
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0;
}

/** The first 100 bytes: the magic string, a page size SQLite can have, the file's page count. */
export function inspectDatabaseFile(file: string): FileInspection {
  const bytes = fs.statSync(file).size;
  if (bytes === 0) {
    return {
      problems: ['the file is empty (0 bytes): a Refund Desk database is never empty, it was cut short'],
      header: null,
      bytes,
    };
  }
  const head = Buffer.alloc(Math.min(bytes, HEADER_BYTES));
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.length < SQLITE_MAGIC.length || !head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    return {
      problems: [
        'file is not a database: it does not start with the SQLite header ("SQLite format 3"), ' +
          'so it is another kind of file or its first page is damaged',
      ],
      header: null,
      bytes,
    };
  }
  if (bytes < HEADER_BYTES) {
    return {
      problems: [`the file is cut short: ${bytes} bytes, less than a SQLite header (100 bytes)`],
      header: null,
      bytes,
    };
  }
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (!isPageSize(pageSize)) {
    return {
      problems: [`the header is damaged: page size ${rawPageSize} is not one SQLite uses`],
      header: null,
      bytes,
    };
  }
  const problems: string[] = [];
  // the header's page count is current only when it was written with the change counter it records
  const current = head.readUInt32BE(24) === head.readUInt32BE(92);
  const pages = head.readUInt32BE(28);
  if (bytes % pageSize !== 0) {
    problems.push(
      `the file is cut short or padded: ${bytes} bytes is not a whole number of ${pageSize}-byte pages`,
    );
  }
  return { problems, header: { pageSize, pagesInHeader: current && pages > 0 ? pages : null }, bytes };
}

export interface WalInspection {
  problems: string[];
  /** the pages the intact, committed frames hold (SQLite reads these as part of the database) */
  pages: Set<number>;
  /** the database's size in pages after the last intact commit, if the WAL has one */
  pagesAfterLastCommit: number | null;
  /** intact committed transactions in the WAL (not yet copied into the database file) */
  commits: number;
}

/** SQLite's WAL checksum: over 32-bit words in pairs, continuing from `s0, s1`. */
function walChecksum(data: Buffer, bigEndian: boolean, s0: number, s1: number): [number, number] {
  let a = s0;
  let b = s1;
  const words = data.length >>> 2;
  // little-endian words on a little-endian machine, aligned: read them as they lie (the usual case)
  if (!bigEndian && LITTLE_ENDIAN_MACHINE && data.byteOffset % 4 === 0) {
    const view = new Uint32Array(data.buffer, data.byteOffset, words);
    for (let i = 0; i + 1 < words; i += 2) {
      a = (a + view[i] + b) >>> 0;
      b = (b + view[i + 1] + a) >>> 0;
    }
    return [a, b];
  }
  for (let i = 0; i + 8 <= data.length; i += 8) {
    const x0 = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const x1 = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    a = (a + x0 + b) >>> 0;
    b = (b + x1 + a) >>> 0;
  }
  return [a, b];
}

const LITTLE_ENDIAN_MACHINE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface Frame {
  pageNumber: number;
  /** non-zero on a transaction's last frame: the database's size in pages after it */
  commitSize: number;
  salt1: number;
  salt2: number;
  checksum: [number, number];
  /** the frame's checksum computed from the given starting values */
  verifies(from: [number, number]): boolean;
}

function readFrame(wal: Buffer, offset: number, pageSize: number, bigEndian: boolean): Frame {
  const header = wal.subarray(offset, offset + WAL_FRAME_HEADER_BYTES);
  const page = wal.subarray(offset + WAL_FRAME_HEADER_BYTES, offset + WAL_FRAME_HEADER_BYTES + pageSize);
  const checksum: [number, number] = [header.readUInt32BE(16), header.readUInt32BE(20)];
  return {
    pageNumber: header.readUInt32BE(0),
    commitSize: header.readUInt32BE(4),
    salt1: header.readUInt32BE(8),
    salt2: header.readUInt32BE(12),
    checksum,
    verifies(from) {
      const [a, b] = walChecksum(page, bigEndian, ...walChecksum(header.subarray(0, 8), bigEndian, ...from));
      return a === checksum[0] && b === checksum[1];
    },
  };
}

const EMPTY_WAL: WalInspection = { problems: [], pages: new Set(), pagesAfterLastCommit: null, commits: 0 };

/**
 * The WAL's intact transactions, and the damage SQLite would pass over. SQLite reads frames from
 * the start while each one's cumulative checksum holds, and drops the rest. A write cut short by
 * a crash leaves such a tail legitimately: its transaction was never confirmed (synchronous=FULL
 * syncs the WAL before a commit returns, and the next transaction starts after that). So damage
 * is told from a cut-short write by what follows the first bad frame: frames of the same WAL
 * generation, each checksum-consistent with the frame before it, ending two transactions or more
 * (the leftovers of a cut-short write are part of one transaction). A damaged frame in the last
 * transaction therefore cannot be told apart from a cut-short write, as SQLite cannot either.
 */
export function inspectWal(walFile: string, databasePageSize: number | null): WalInspection {
  if (!fs.existsSync(walFile)) return EMPTY_WAL;
  const wal = fs.readFileSync(walFile);
  if (wal.length === 0) return EMPTY_WAL;
  const dropsAll =
    'SQLite would ignore the whole WAL and every change in it not yet copied into the database';
  if (wal.length < WAL_HEADER_BYTES) {
    return { ...EMPTY_WAL, problems: [`the -wal file is cut short (${wal.length} bytes): ${dropsAll}`] };
  }
  const magic = wal.readUInt32BE(0);
  const pageSize = wal.readUInt32BE(8);
  if ((magic & 0xfffffffe) !== WAL_MAGIC || !isPageSize(pageSize)) {
    return { ...EMPTY_WAL, problems: [`the -wal file's header is damaged: ${dropsAll}`] };
  }
  const bigEndian = (magic & 1) === 1;
  const headerChecksum = walChecksum(wal.subarray(0, 24), bigEndian, 0, 0);
  if (headerChecksum[0] !== wal.readUInt32BE(24) || headerChecksum[1] !== wal.readUInt32BE(28)) {
    return { ...EMPTY_WAL, problems: [`the -wal file's header checksum does not match: ${dropsAll}`] };
  }
  if (databasePageSize !== null && pageSize !== databasePageSize) {
    return {
      ...EMPTY_WAL,
      problems: [`the -wal file's page size (${pageSize}) differs from the database's (${databasePageSize})`],
    };
  }
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const frameBytes = WAL_FRAME_HEADER_BYTES + pageSize;
  const frameCount = Math.floor((wal.length - WAL_HEADER_BYTES) / frameBytes);
  const frames: Frame[] = [];
  for (let i = 0; i < frameCount; i++) {
    frames.push(readFrame(wal, WAL_HEADER_BYTES + i * frameBytes, pageSize, bigEndian));
  }
  const ofThisLog = (f: Frame) => f.salt1 === salt1 && f.salt2 === salt2;

  // the frames SQLite reads: the chain of valid checksums from the header, up to its last commit
  const result: WalInspection = { problems: [], pages: new Set(), pagesAfterLastCommit: null, commits: 0 };
  let pending: number[] = [];
  let chain = headerChecksum;
  let firstBad = frameCount;
  for (let i = 0; i < frameCount; i++) {
    const frame = frames[i];
    if (!ofThisLog(frame) || !frame.verifies(chain)) {
      firstBad = i;
      break;
    }
    chain = frame.checksum;
    pending.push(frame.pageNumber);
    if (frame.commitSize > 0) {
      for (const page of pending) result.pages.add(page);
      pending = [];
      result.pagesAfterLastCommit = frame.commitSize;
      result.commits++;
    }
  }

  // after the first bad frame: runs of frames consistent with their predecessor's stored checksum
  let commitsInRun = 0;
  for (let i = firstBad + 1; i < frameCount; i++) {
    const frame = frames[i];
    const linked = ofThisLog(frame) && ofThisLog(frames[i - 1]) && frame.verifies(frames[i - 1].checksum);
    commitsInRun = linked ? commitsInRun + (frame.commitSize > 0 ? 1 : 0) : 0;
    if (commitsInRun >= 2) {
      result.problems.push(
        `the -wal file is damaged at frame ${firstBad + 1} (page ${frames[firstBad].pageNumber}): ` +
          'intact committed transactions follow it, which SQLite would drop with it',
      );
      break;
    }
  }
  return result;
}

/** Whether the database file holds every page the database has (its own or in the WAL). */
export function missingPages(inspection: FileInspection, wal: WalInspection): string | null {
  if (!inspection.header) return null;
  const { pageSize, pagesInHeader } = inspection.header;
  const pages = wal.pagesAfterLastCommit ?? pagesInHeader;
  if (pages === null) return null;
  const inFile = Math.floor(inspection.bytes / pageSize);
  let missing = 0;
  for (let page = inFile + 1; page <= pages; page++) if (!wal.pages.has(page)) missing++;
  if (missing === 0) return null;
  return (
    `the file is cut short: the database has ${pages} pages of ${pageSize} bytes ` +
    `(${pages * pageSize} bytes), the file holds ${inspection.bytes} bytes and ${missing} pages are nowhere`
  );
}
