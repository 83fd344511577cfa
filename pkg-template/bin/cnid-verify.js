#!/usr/bin/env node
// cnid-verify command-line interface (ships in the npm package as bin/cnid-verify.js).
//
// Exit status (generate and mask: 0, or 2 for a usage error or an impossible request):
// 0 = every number valid / every dump accepted; 1 = at least one invalid number or
// rejected dump; 2 = usage error, unreadable or malformed trust or revocation file (then nothing is
// verified), or a dump file that could not be read or verified (reported in its place; the other
// dumps are still verified and printed).
//
// Everything printed that comes from a dump, a trust file or the command line is passed through
// safe()/text``: control and bidi characters are shown as \u{..} escapes, so a crafted dump cannot
// drive the terminal (clear it, paint a fake verdict, reorder a line).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as cnid from '../node.mjs';
import { certificatePem, makeCertificate, makeDump, makeTrustList, thumbprint } from './sign.js';

const PROG = 'cnid-verify';

// --- language -----------------------------------------------------------------------------------

// The CLI's own words, one table per language (the reports' messages come from the library in the
// same locale). Every key exists in both tables (tests/node/cli.test.mjs checks it).
const WORDS = {
  en: {
    accepted: 'ACCEPTED',
    signatureVerified: ' (signature verified)',
    rejected: (failed) => `REJECTED (failed: ${failed})`,
    none: 'none',
    passed: 'passed',
    failed: 'failed',
    skipped: 'skipped',
    card: 'card:   ',
    born: 'born',
    valid: 'valid',
    longTerm: 'long-term',
    notVerified: '  [NOT VERIFIED: do not trust these fields]',
    signer: 'signer: ',
    anchor: 'anchor',
    serial: 'serial',
    extra: 'extra:  ',
    extraCerts: (n, subjects) => `${n} more x5chain certificate(s), not validated: ${subjects}`,
    readAt: 'read at:',
    by: 'by',
    data: 'data:   ',
    nonce: 'nonce',
    chipSerial: 'chip serial',
    photo: (n) => `photo ${n} bytes`,
    fingerprint: (n) => `fingerprint ${n} bytes`,
    warning: 'warning',
    warningLabel: 'warning: ',
    errorNotVerified: 'ERROR (not verified)',
    normalized: 'normalized',
    issueCount: (n) => `issue count ${n}`,
    male: 'male',
    female: 'female',
    noUsableKey: 'no usable key',
    noCertificate: 'no certificate',
    matchesNothing: (entry, why) => `${entry} matches nothing in the trust store (NO_MATCH): ${why}`,
    noKeyHasIt: 'no key or certificate in the store has it',
    noNumbers: 'no numbers given',
    noDumps: 'no dump files given',
    trustRequired: 'at least one --trust FILE is required',
    cannotReadDump: (why) => `cannot read dump: ${why}`,
    cannotVerifyDump: (why) => `cannot verify dump: ${why}`,
    noSuchFile: 'no such file',
    invalidOption: 'invalid option',
    error: 'error',
    seeHelp: `Run '${PROG} --help' for details.`,
    listWritten: (file, id, seq, n) => `wrote ${file}: trust list ${id}, sequence ${seq}, ${n} bytes`,
    listAccepted: (id, seq) => `ACCEPTED trust list ${id}, sequence ${seq}`,
    listRejected: (code) => `REJECTED (${code}): `,
    listTimes: 'valid:  ',
    fromList: (id, seq) => `from trust list ${id} #${seq}`,
    keyWritten: (kid, a, b, c) => `TEST key ${kid}: wrote ${a}, ${b} (private) and ${c} (public JWK set)`,
    dumpWritten: (file, n) => `wrote ${file}: a signed dump of ${n} bytes (TEST material)`,
    pkiWritten: (dir, root, reader) => `TEST PKI in ${dir}: root.pem (${root}), intermediate.pem, reader.pem (${reader}) and their *.key.pem`,
    listContent: (keys, anchors, revocations) => `content: ${keys} key(s), ${anchors} anchor(s), ${revocations} revocation(s)`,
  },
  'zh-CN': {
    accepted: '通过',
    signatureVerified: '（签名已验证）',
    rejected: (failed) => `拒绝（未通过：${failed}）`,
    none: '无',
    passed: '通过',
    failed: '未通过',
    skipped: '跳过',
    card: '证件：',
    born: '出生',
    valid: '有效期',
    longTerm: '长期',
    notVerified: '  [未验证：不可信任这些字段]',
    signer: '签名者：',
    anchor: '信任锚',
    serial: '序列号',
    extra: '其他：',
    extraCerts: (n, subjects) => `x5chain 另有 ${n} 个证书，未验证：${subjects}`,
    readAt: '读取时间：',
    by: '读卡器',
    data: '数据：',
    nonce: 'nonce',
    chipSerial: '芯片序列号',
    photo: (n) => `照片 ${n} 字节`,
    fingerprint: (n) => `指纹 ${n} 字节`,
    warning: '警告',
    warningLabel: '警告：',
    errorNotVerified: '错误（未验证）',
    normalized: '规范化为',
    issueCount: (n) => `签发次数 ${n}`,
    male: '男',
    female: '女',
    noUsableKey: '没有可用的密钥',
    noCertificate: '没有证书',
    matchesNothing: (entry, why) => `${entry} 与信任库中的任何内容都不匹配（NO_MATCH）：${why}`,
    noKeyHasIt: '信任库中没有具有该标识的密钥或证书',
    noNumbers: '没有给出号码',
    noDumps: '没有给出 dump 文件',
    trustRequired: '至少需要一个 --trust FILE',
    cannotReadDump: (why) => `无法读取 dump：${why}`,
    cannotVerifyDump: (why) => `无法核验 dump：${why}`,
    noSuchFile: '文件不存在',
    invalidOption: '选项无效',
    error: '错误',
    seeHelp: `运行 '${PROG} --help' 查看详细说明。`,
    listWritten: (file, id, seq, n) => `已写入 ${file}：信任列表 ${id}，序号 ${seq}，${n} 字节`,
    listAccepted: (id, seq) => `通过：信任列表 ${id}，序号 ${seq}`,
    listRejected: (code) => `拒绝（${code}）：`,
    listTimes: '有效期：',
    fromList: (id, seq) => `来自信任列表 ${id} #${seq}`,
    keyWritten: (kid, a, b, c) => `测试密钥 ${kid}：已写入 ${a}、${b}（私钥）和 ${c}（公钥 JWK 集）`,
    dumpWritten: (file, n) => `已写入 ${file}：${n} 字节的签名 dump（测试材料）`,
    pkiWritten: (dir, root, reader) => `测试 PKI 已写入 ${dir}：root.pem（${root}）、intermediate.pem、reader.pem（${reader}）及各自的 *.key.pem`,
    listContent: (keys, anchors, revocations) => `内容：${keys} 个密钥，${anchors} 个信任锚，${revocations} 条吊销`,
  },
};

/** The language: --lang, else LC_ALL, LC_MESSAGES or LANG (zh… is Chinese), else English. */
function chooseLang(argv) {
  let lang = null;
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--lang' || a.startsWith('--lang=')) {
      lang = a === '--lang' ? argv[++i] : a.slice('--lang='.length);
      if (!Object.hasOwn(WORDS, lang ?? '')) {
        throw new UsageError(`--lang must be ${Object.keys(WORDS).join(' or ')}, got ${lang ?? 'nothing'}`);
      }
    } else {
      rest.push(a);
    }
  }
  if (lang === null) {
    const env = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
    lang = /^zh(?:$|[_.@-])/i.test(env) ? 'zh-CN' : 'en';
  }
  return { lang, rest };
}

let lang = 'en';

// A word missing from one language would print "undefined": fail every run instead (the CLI tests
// run in both languages).
for (const key of new Set(Object.values(WORDS).flatMap(Object.keys))) {
  for (const [name, words] of Object.entries(WORDS)) {
    if (!Object.hasOwn(words, key)) throw new Error(`internal: no ${name} text for ${key}`);
  }
}

/** A word of the CLI in the chosen language. */
function t(key, ...args) {
  const w = WORDS[lang][key];
  return typeof w === 'function' ? w(...args) : w;
}

const SYNOPSIS = `Usage:
  ${PROG} number [--json] [--strict] [--at TIME] [--fpr15-check-digit error|warning] [--kinds LIST] NUMBER...
  ${PROG} generate --kind KIND [--seed N] [--count N] [--birth-date YYYY-MM-DD] [--sex male|female]
               [--province CODE] [--region HK|MO|TW] [--nationality CODE]
  ${PROG} mask [--keep-start N] [--keep-end N] [--mask-char C] NUMBER...
  ${PROG} dump [--json] --trust FILE [--trust FILE...] [--revoked FILE...] [--at TIME]
               [--nonce HEX] [--max-age SECONDS|none] [--clock-skew SECONDS] [--aad HEX]
               [--reject-ca-signer] [--require-signed-x5chain]
               [--trust-list FILE... --list-signer FILE...] DUMP...
  ${PROG} trustlist make --key FILE [--kid KID] --id ID --sequence N --expires TIME [--issued TIME]
               [--jwks FILE...] [--anchor FILE...] [--revoked FILE...] --out FILE
  ${PROG} trustlist show --signer FILE [--signer FILE...] [--at TIME] [--json] LIST
  ${PROG} dev keygen [--kid KID] --out PREFIX
  ${PROG} dev pki [--name NAME] [--days N] --out DIR
  ${PROG} dev sign --key FILE [--kid KID] [--x5chain CERT...] [--nonce HEX] [--aad HEX]
               [--read-at TIME] [--reader-id ID] --out FILE TEXT.bin [PHOTO.bin]
  ${PROG} --help | --version
Every command takes --lang zh-CN|en (default: from LC_ALL, LC_MESSAGES or LANG).`;

const USAGE = `${SYNOPSIS}

number   Validate Chinese identity-card numbers (foreign permanent resident 18/15, resident 18/15,
         Hong Kong/Macao/Taiwan residence permits) and Mainland Travel Permit numbers (hkmo_pass;
         tw_pass only with --kinds) and explain them.
           NUMBER                 a number; "-" reads one number per line from standard input
           --json                 print a JSON array of reports, one per input, in input order
           --strict               only trim: no case, width, space or hyphen folding
           --at TIME              reject birth dates after the China date of TIME (default: today)
           --fpr15-check-digit    severity of an old 15-character foreigner number's check digit
                                  mismatch: error (default) or warning
           --kinds LIST           accept only these kinds, comma-separated (e.g. resident18,fpr18);
                                  others are KIND_NOT_ALLOWED (an unknown name's error lists them).
                                  Default: every kind but tw_pass, which is recognised only when
                                  listed (8 digits could be anything)

generate Print valid numbers for TEST DATA, one per line (they may belong to real people: never use
         them as anyone's number). Deterministic: number i is generateNumber({ ..., seed: SEED + i }).
           --kind KIND            fpr18, fpr15, resident18, resident15 or hmt18 (required)
           --seed N               the first seed (default 0): the same arguments print the same numbers
           --count N              how many numbers (default 1, at most 10000)
           --birth-date, --sex, --province, --region (hmt18), --nationality (fpr kinds: CAN or 124)
                                  fields every number shows; a field the kind lacks is an error (exit 2)

mask     Print each NUMBER masked for display (default: first 4 and last 4 characters shown).
           --keep-start N, --keep-end N, --mask-char C

dump     Verify signed chip dumps (COSE_Sign1, ES256) against the trust material you give.
           --trust FILE           JWK set (.json, .jwks) or X.509 certificate(s) (.pem, .crt, .der);
                                  repeatable. Nothing is trusted by default.
           --revoked FILE         revocation list, repeatable; one entry per line:
                                    kid:<kid>                   the JWK kid <kid>
                                    serial:<hex>                serial <hex> under any issuer
                                    serial:<issuer-file>:<hex>  serial <hex> issued by that certificate
                                    cert:<file>                 that certificate: its issuer and serial,
                                                                and its public key on every path
                                    <entry>                     a bare line: the kid <entry> and, when
                                                                it is a serial, that serial under any
                                                                issuer
                                  <hex>: hex digits, optionally 0x-prefixed or colon-separated
                                  (8b:ad:f0:0d), any case, leading zeros allowed. If everything after
                                  serial: is a serial, it is the any-issuer form: an issuer file name
                                  must contain a character other than a hex digit or ":" (./ab, not
                                  ab). Relative file names are relative to the directory of the
                                  revocation file. Blank lines and lines starting with # are ignored.
                                  Any other "word:" prefix, a bare entry with white space or ":"
                                  (unless it is a serial), or an unreadable or malformed entry is an
                                  error (exit 2); an entry that matches nothing in the trust store is
                                  a warning (NO_MATCH).
           --at TIME              verification time (default: now)
           --nonce HEX            the challenge handed to the reader; the dump must carry it
           --max-age SECONDS|none maximum age of the reading (default 600); none for archives
           --clock-skew SECONDS   allowed clock skew for readings in the future (default 300)
           --aad HEX              external AAD agreed with the readers (default empty)
           --reject-ca-signer     reject dumps signed directly by a CA certificate (cA=TRUE)
           --require-signed-x5chain
                                  reject an x5chain the signature does not cover (in the unprotected
                                  header and not bound by a protected x5t)
           --json                 print a JSON array in input order: a report per dump (byte fields
                                  as hex), or {file, ok: false, error: {code, message}} for a dump
                                  file that could not be read or verified

           --trust-list FILE      a signed trust list (docs/spec/trust-list.md) whose keys, anchors
                                  and revocations the dumps are verified with; repeatable; needs
                                  --list-signer (a rejected list is exit 2: nothing is verified)
           --list-signer FILE     the pinned list-signing key(s) or CA certificate(s) (.json/.jwks,
                                  .pem/.crt/.der), repeatable

trustlist make
         Sign a trust list (docs/spec/trust-list.md) with a P-256 key (a PEM private key or a JWK with
         "d"; keep real list-signing keys in an HSM).
           --key FILE, --kid KID  the list-signing key and its kid (default: the JWK's kid)
           --id ID, --sequence N  the list id (1-64 printable ASCII) and its sequence (increase it with
                                  every version)
           --issued TIME, --expires TIME
                                  issuedAt (default now) and expiresAt
           --jwks FILE            reader keys (public JWK sets), repeatable; merged into one set
           --anchor FILE          X.509 anchors (PEM, several blocks allowed, or DER), repeatable
           --revoked FILE         revocations as for dump --revoked: kid:<kid>, serial:<issuer>:<hex>
                                  and cert:<file> (its key, on every path); serial:<hex> under any
                                  issuer is not in trust lists (exit 2)
           --out FILE             where to write the list
trustlist show
         Verify LIST with the pinned --signer key(s) or certificate(s) and print what it holds; exit 0
         accepted, 1 rejected (TRUST_LIST_* code), 2 usage or unreadable file.

dev      The signer kit for reader vendors: TEST material only (every kid says TEST). Real reader keys
         belong in an HSM that signs the same bytes (docs/integrator-guide.md).
  keygen   a P-256 key pair: PREFIX.jwk and PREFIX.pem (private), PREFIX.pub.jwks (the JWK set a
           verifier trusts); --kid (default reader-TEST-<random>; "-TEST" is added when missing)
  pki      a test PKI in DIR: root.pem, intermediate.pem (pathLen 0), reader.pem (the dump signer)
           and their private keys (*.key.pem), in the profile the verifier requires; --name (default
           "Vendor") starts every subject, which ends in TEST; --days (default 365) of validity
  sign     a signed dump of TEXT.bin (the 256-byte text block) and optionally PHOTO.bin (1024 bytes)
           with the key (PEM or JWK): kid in the protected header (--kid, default the JWK's), and/or
           --x5chain certificate files (PEM or DER, signer first) in the unprotected header;
           --read-at (default now), --nonce, --aad, --reader-id as in the dump format

TIME     2026-06-01 or 2026-06-01T08:00[:00[.000]] without an offset is China Standard Time
         (UTC+08:00); with Z or an offset (2026-06-01T00:00:00Z, 2026-06-01T08:00+08:00) it is that
         instant; digits only are epoch milliseconds; @DIGITS are Unix seconds. The same rule for
         both commands, whatever the time zone of this computer.

--lang   zh-CN or en: the language of the output and of the reports' messages (--json included);
         codes, check ids and JSON keys never change. Default: Chinese when LC_ALL, LC_MESSAGES or
         LANG (the first one set) starts with zh, else English.

Output   Control characters (\\n and \\t included), DEL, C1 controls and Unicode bidi controls in
         values are printed as \\u{..} escapes; --json escapes them as \\uXXXX.

Exit status: 0 all valid/accepted; 1 any invalid/rejected; 2 usage error, unreadable or malformed trust
or revocation file (nothing is verified), or a dump file that could not be read or verified (it is
reported in its place; the other dumps are still verified and printed).`;

const USAGE_ZH = `用法：
  ${PROG} number [--json] [--strict] [--at 时间] [--fpr15-check-digit error|warning] [--kinds 列表] 号码...
  ${PROG} dump [--json] --trust 文件 [--trust 文件...] [--revoked 文件...] [--at 时间]
               [--nonce 十六进制] [--max-age 秒数|none] [--clock-skew 秒数] [--aad 十六进制]
               [--reject-ca-signer] [--require-signed-x5chain]
               [--trust-list 文件... --list-signer 文件...] DUMP...
  ${PROG} trustlist make --key 文件 [--kid KID] --id ID --sequence N --expires 时间 [--issued 时间]
               [--jwks 文件...] [--anchor 文件...] [--revoked 文件...] --out 文件
  ${PROG} trustlist show --signer 文件 [--signer 文件...] [--at 时间] [--json] 列表
  ${PROG} dev keygen [--kid KID] --out 前缀
  ${PROG} dev pki [--name 名称] [--days N] --out 目录
  ${PROG} dev sign --key 文件 [--kid KID] [--x5chain 证书...] [--nonce 十六进制] [--aad 十六进制]
               [--read-at 时间] [--reader-id ID] --out 文件 TEXT.bin [PHOTO.bin]
  ${PROG} --help | --version
所有命令都接受 --lang zh-CN|en（默认取自 LC_ALL、LC_MESSAGES 或 LANG）。

number   核验中国身份证件号码（外国人永久居留身份证 18/15 位、居民身份证 18/15 位、港澳台居民居住证）并给出说明。
           号码                   一个号码；"-" 从标准输入逐行读取号码
           --json                 输出 JSON 数组，每个输入一份报告，顺序与输入相同
           --strict               只去除首尾空白，不做大小写、全角半角、空格或连字符的转换
           --at 时间              出生日期不得晚于该时间的中国日期（默认：今天）
           --fpr15-check-digit    旧版 15 位外国人号码校验码不符时的级别：error（默认）或 warning
           --kinds 列表           只接受这些类型，逗号分隔（例如 resident18,fpr18）；其他类型为 KIND_NOT_ALLOWED

dump     按给定的信任材料核验签名的芯片 dump（COSE_Sign1，ES256）。
           --trust 文件           JWK 集（.json、.jwks）或 X.509 证书（.pem、.crt、.der）；可重复。默认不信任任何内容。
           --revoked 文件         吊销列表，可重复；每行一项：kid:<kid>、serial:<十六进制>、
                                  serial:<颁发者证书文件>:<十六进制>、cert:<文件>，或单独的条目
                                  （详见英文帮助：${PROG} --help --lang en）
           --at 时间              核验时间（默认：现在）
           --nonce 十六进制       交给读卡器的挑战值；dump 必须包含它
           --max-age 秒数|none    读取时间的最大时长（默认 600）；none 用于存档
           --clock-skew 秒数      允许读取时间超前的时钟偏差（默认 300）
           --aad 十六进制         与读卡器约定的外部 AAD（默认为空）
           --reject-ca-signer     拒绝直接由 CA 证书（cA=TRUE）签名的 dump
           --require-signed-x5chain
                                  拒绝签名未覆盖的 x5chain
           --json                 按输入顺序输出 JSON 数组
           --trust-list 文件      签名的信任列表（docs/spec/trust-list.md），用其中的密钥、信任锚和吊销
                                  核验 dump；可重复；需要 --list-signer（列表被拒绝时退出状态为 2，不核验）
           --list-signer 文件     固定的列表签名密钥或 CA 证书（.json/.jwks、.pem/.crt/.der），可重复

trustlist make
         用 P-256 密钥（PEM 私钥或带 "d" 的 JWK；正式的列表签名密钥应保存在 HSM 中）签署信任列表。
           --key 文件、--kid KID  列表签名密钥及其 kid（默认取 JWK 的 kid）
           --id ID、--sequence N  列表标识（1-64 个可打印 ASCII 字符）和序号（每个新版本递增）
           --issued 时间、--expires 时间
                                  issuedAt（默认现在）和 expiresAt
           --jwks 文件            读卡器公钥（JWK 集），可重复；合并为一个集合
           --anchor 文件          X.509 信任锚（PEM，可含多个证书，或 DER），可重复
           --revoked 文件         吊销条目，格式同 dump --revoked：kid:<kid>、serial:<颁发者>:<十六进制>、
                                  cert:<文件>（吊销其密钥，适用于所有路径）；不支持不限颁发者的 serial:<十六进制>
           --out 文件             输出文件
trustlist show
         用固定的 --signer 密钥或证书核验列表并显示其内容；退出状态 0 通过，1 拒绝（TRUST_LIST_* 代码），
         2 用法错误或文件无法读取。

dev      面向读卡器厂商的签名工具：仅生成测试材料（kid 均含 TEST）。正式的读卡器密钥应保存在 HSM 中，
         由 HSM 对同样的字节签名（docs/integrator-guide.md）。
  keygen   生成 P-256 密钥对：前缀.jwk 和 前缀.pem（私钥）、前缀.pub.jwks（核验方信任的 JWK 集）；
           --kid（默认 reader-TEST-<随机>；缺少时自动加上 "-TEST"）
  pki      在目录中生成测试 PKI：root.pem、intermediate.pem（pathLen 0）、reader.pem（dump 签名者）
           及其私钥（*.key.pem），符合核验方要求的证书配置；--name（默认 "Vendor"）为各主体名称的开头，
           名称均以 TEST 结尾；--days（默认 365）为有效天数
  sign     用该密钥（PEM 或 JWK）为 TEXT.bin（256 字节文本块）及可选的 PHOTO.bin（1024 字节）生成签名 dump：
           kid 放在受保护头部（--kid，默认取 JWK 的 kid），和/或 --x5chain 证书文件（PEM 或 DER，签名者在前）
           放在非保护头部；--read-at（默认现在）、--nonce、--aad、--reader-id 同 dump 格式

时间     2026-06-01 或不带时区的 2026-06-01T08:00[:00[.000]] 为中国标准时间（UTC+08:00）；带 Z 或时区偏移
         时为该时刻；纯数字为纪元毫秒；@数字 为 Unix 秒。

--lang   zh-CN 或 en：输出及报告消息的语言（包括 --json）；代码、检查标识和 JSON 键不变。

退出状态：0 全部有效/通过；1 有无效号码或被拒绝的 dump；2 用法错误、信任或吊销文件无法读取或格式错误
（不核验任何内容），或某个 dump 文件无法读取或核验（在其位置报告，其余 dump 照常核验）。`;

/** The help in the chosen language. */
function usage() {
  return lang === 'zh-CN' ? USAGE_ZH : USAGE;
}

class UsageError extends Error {}
class FileError extends Error {}

// --- output -------------------------------------------------------------------------------------

// C0 controls (\n and \t included), DEL, C1 controls, the bidi controls (ALM, LRM, RLM, LRE..RLO,
// LRI..PDI) and the line/paragraph separators.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
// What JSON.stringify leaves raw among those (it escapes U+0000..U+001F itself).
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** A value as terminal-safe text: unsafe characters become \u{hex}. */
function safe(value) {
  return String(value).replace(UNSAFE_CHARS, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
}

/** Template tag: the literal text as written, every interpolated value through safe(). */
function text(strings, ...values) {
  return strings.reduce((line, literal, i) => line + safe(values[i - 1]) + literal);
}

/** JSON with every unsafe character escaped (\uXXXX is valid JSON and parses back unchanged). */
function toJson(value, replacer) {
  return JSON.stringify(value, replacer, 2).replace(
    UNSAFE_IN_JSON,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function out(line) {
  process.stdout.write(line + '\n');
}

function err(line) {
  process.stderr.write(line + '\n');
}

function warn(message) {
  err(`${PROG}: ${t('warningLabel')}${message}`);
}

// A closed pipe (e.g. `| head`) is not an error worth a stack trace.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

function parse(argv, options) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    if (typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS')) throw new UsageError(e.message);
    throw e;
  }
}

// --- --at ---------------------------------------------------------------------------------------

const CST_OFFSET_MINUTES = 8 * 60;
const MAX_DATE_MS = 8.64e15;
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function timeError(value) {
  return new UsageError(
    `--at must be a date or date-time (2026-06-01, 2026-06-01T08:00 China time; 2026-06-01T00:00:00Z, ` +
      `2026-06-01T08:00+08:00), epoch milliseconds or @UNIX_SECONDS, got ${value}`,
  );
}

function fromMillis(ms, value) {
  if (!Number.isSafeInteger(ms) || Math.abs(ms) > MAX_DATE_MS) throw timeError(value);
  return new Date(ms);
}

/** Minutes east of UTC: China Standard Time when the text has no offset; null if out of range. */
function offsetMinutes(zone) {
  if (zone === undefined) return CST_OFFSET_MINUTES;
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  if (hours > 23 || minutes > 59) return null;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Milliseconds of a civil date-time read as UTC, or null if it is not a calendar date and time. */
function civilMillis(year, month, day, hour, minute, second, millisecond) {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millisecond);
  const exact =
    d.getUTCFullYear() === year &&
    d.getUTCMonth() === month - 1 &&
    d.getUTCDate() === day &&
    d.getUTCHours() === hour &&
    d.getUTCMinutes() === minute &&
    d.getUTCSeconds() === second;
  return exact ? d.getTime() : null;
}

/**
 * --at for both commands: a date or date-time without an offset is China Standard Time; with Z or
 * an offset it is that instant; digits only are epoch milliseconds; @digits are Unix seconds.
 * Computed field by field, so the host's time zone never matters.
 */
function parseTime(value) {
  if (/^\d+$/.test(value)) return fromMillis(Number(value), value);
  if (/^@\d+$/.test(value)) return fromMillis(Number(value.slice(1)) * 1000, value);
  const m = ISO_TIME.exec(value);
  if (!m) throw timeError(value);
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((x) => x && Number(x));
  const millisecond = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const local = civilMillis(year, month, day, hour, minute, second, millisecond);
  const offset = offsetMinutes(m[8]);
  if (local === null || offset === null) throw new UsageError(`--at ${value} is not a valid date and time`);
  return fromMillis(local - offset * 60_000, value);
}

// --- number -------------------------------------------------------------------------------------

function readStdinLines() {
  let input;
  try {
    input = fs.readFileSync(0, 'utf8');
  } catch (e) {
    if (e.code === 'EOF' || e.code === 'EAGAIN' || e.code === 'EBADF' || e.code === 'ENXIO') return [];
    throw new FileError(`cannot read standard input: ${e.message}`);
  }
  if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
  const lines = input.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function names(o) {
  if (!o) return null;
  return lang === 'zh-CN' ? o.nameZh : `${o.nameEn}/${o.nameZh}`;
}

function numberWarnings(r) {
  return r.warnings.map((w) => text`\n    ${t('warning')} ${w.code}: ${w.message}`).join('');
}

function describeNumber(r) {
  const shown = r.input === '' ? '""' : r.input;
  const kind = r.kind ?? '-';
  if (!r.ok) {
    const issues = r.errors.map((e) => `${e.code}: ${e.message}`).join('; ');
    return [`✗ ${shown}`, kind, issues].map(safe).join('  ') + numberWarnings(r);
  }
  const info = r.info ?? {};
  const parts = [`✓ ${shown}`, kind];
  const birth = [info.birthDate, info.sex && t(info.sex)].filter(Boolean).join(' ');
  if (birth) parts.push(birth);
  if (info.province) parts.push(names(info.province));
  if (info.nationality) parts.push(names(info.nationality));
  if (info.region) parts.push(info.region);
  if (info.issueCount) parts.push(t('issueCount', info.issueCount));
  if (r.normalized && r.normalized !== r.input) parts.push(`${t('normalized')} ${r.normalized}`);
  return parts.map(safe).join('  ') + numberWarnings(r);
}

function cmdNumber(argv) {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    strict: { type: 'boolean' },
    at: { type: 'string' },
    'fpr15-check-digit': { type: 'string' },
    kinds: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(usage());
    return 0;
  }
  const options = { locale: lang };
  // The library checks the names (an unknown kind is INVALID_OPTION, exit 2).
  if (values.kinds !== undefined) options.kinds = values.kinds.split(',').map((k) => k.trim());
  if (values.strict) options.strict = true;
  if (values.at !== undefined) options.at = parseTime(values.at);
  const severity = values['fpr15-check-digit'];
  if (severity !== undefined) {
    if (severity !== 'error' && severity !== 'warning') {
      throw new UsageError(`--fpr15-check-digit must be error or warning, got ${severity}`);
    }
    options.fpr15CheckDigit = severity;
  }

  const inputs = [];
  let stdinRead = false;
  for (const p of positionals) {
    if (p === '-') {
      if (!stdinRead) inputs.push(...readStdinLines());
      stdinRead = true;
    } else {
      inputs.push(p);
    }
  }
  if (inputs.length === 0) throw new UsageError(t('noNumbers'));

  const reports = cnid.checkNumbers(inputs, options);
  if (values.json) out(toJson(reports));
  else for (const r of reports) out(describeNumber(r));
  return reports.every((r) => r.ok) ? 0 : 1;
}

// --- generate, mask ------------------------------------------------------------------------------

const MAX_COUNT = 10_000;

/** A non-negative integer flag, or a usage error. */
function integerFlag(name, value, max) {
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`--${name} must be an integer from 0 to ${max}, got ${value}`);
  return Number(value);
}

function cmdGenerate(argv) {
  const { values, positionals } = parse(argv, {
    kind: { type: 'string' },
    seed: { type: 'string' },
    count: { type: 'string' },
    'birth-date': { type: 'string' },
    sex: { type: 'string' },
    province: { type: 'string' },
    region: { type: 'string' },
    nationality: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`generate takes no arguments, got ${positionals[0]}`);
  if (values.kind === undefined) throw new UsageError('--kind is required');
  const count = values.count === undefined ? 1 : integerFlag('count', values.count, MAX_COUNT);
  const seed = values.seed === undefined ? 0 : integerFlag('seed', values.seed, Number.MAX_SAFE_INTEGER - MAX_COUNT);
  // The library checks every value (an impossible request is INVALID_OPTION, exit 2).
  const options = { kind: values.kind };
  for (const [flag, name] of [['birth-date', 'birthDate'], ['sex', 'sex'], ['province', 'province'], ['region', 'region'], ['nationality', 'nationality']]) {
    if (values[flag] !== undefined) options[name] = values[flag];
  }
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(cnid.generateNumber({ ...options, seed: seed + i }));
  out(lines.join('\n'));
  return 0;
}

function cmdMask(argv) {
  const { values, positionals } = parse(argv, {
    'keep-start': { type: 'string' },
    'keep-end': { type: 'string' },
    'mask-char': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no numbers given');
  const options = {};
  if (values['keep-start'] !== undefined) options.keepStart = integerFlag('keep-start', values['keep-start'], 64);
  if (values['keep-end'] !== undefined) options.keepEnd = integerFlag('keep-end', values['keep-end'], 64);
  if (values['mask-char'] !== undefined) options.maskChar = values['mask-char'];
  const inputs = positionals.flatMap((p) => (p === '-' ? readStdinLines() : [p]));
  for (const n of inputs) out(safe(cnid.maskNumber(n, options)));
  return 0;
}

// --- files --------------------------------------------------------------------------------------

function fsReason(e) {
  return e.code === 'ENOENT' ? t('noSuchFile') : e.message;
}

function readFile(file, what) {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new FileError(`cannot read ${what} ${file}: ${fsReason(e)}`);
  }
}

// More than any dump may be (64 KiB): a larger file is reported as oversized by the library from
// this prefix alone, so a huge or endless file (a FIFO, /dev/zero) is never read whole.
const DUMP_READ_LIMIT = 1024 * 1024;

function readPrefix(file, limit) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(limit + 1);
    let length = 0;
    for (let n; length < buf.length && (n = fs.readSync(fd, buf, length, buf.length - length, null)) > 0; ) {
      length += n;
    }
    return Uint8Array.from(buf.subarray(0, length));
  } finally {
    fs.closeSync(fd);
  }
}

// A certificate argument for addCertificate/revokeSerial/revokeCertificate: PEM text or DER bytes.
function certificateInput(bytes) {
  const head = bytes.subarray(0, 64).toString('latin1');
  return head.includes('-----BEGIN') ? bytes.toString('utf8') : Uint8Array.from(bytes);
}

/** A library error (it has a string code) as a file error naming where it happened. */
function locatedError(where, e) {
  if (e instanceof FileError || e instanceof UsageError) return new FileError(`${where}: ${e.message}`);
  if (e && typeof e.code === 'string') return new FileError(`${where}: ${e.code}: ${e.message}`);
  return e;
}

// --- trust files --------------------------------------------------------------------------------

function loadTrust(store, file) {
  const ext = path.extname(file).toLowerCase();
  const bytes = readFile(file, 'trust file');
  try {
    if (ext === '.json' || ext === '.jwks') {
      const result = store.addJwks(bytes.toString('utf8'), messageOptions());
      for (const w of result.warnings) warn(text`${file}: ${w.code}: ${w.message}`);
      if (result.added === 0) warn(text`${file}: ${t('noUsableKey')}`);
    } else if (ext === '.pem' || ext === '.crt' || ext === '.cer' || ext === '.der') {
      const n = store.addCertificate(certificateInput(bytes), messageOptions());
      if (n === 0) warn(text`${file}: ${t('noCertificate')}`);
    } else {
      throw new UsageError(`--trust ${file}: unknown file type (expected .json/.jwks or .pem/.crt/.der)`);
    }
  } catch (e) {
    throw e instanceof UsageError ? e : locatedError(file, e);
  }
}

// --- revocation files ---------------------------------------------------------------------------

// A certificate serial: hex digits, optionally 0x-prefixed or colon-separated (OpenSSL's 8b:ad:f0:0d).
const SERIAL = /^(?:0x)?[0-9a-f]+(?::[0-9a-f]+)*$/i;

class EntryError extends Error {}

function nonEmpty(value, what) {
  const v = value.trim();
  if (v === '') throw new EntryError(`empty ${what}`);
  return v;
}

function readCertificate(dir, name, what) {
  return certificateInput(readFile(path.resolve(dir, nonEmpty(name, `${what} file name`)), what));
}

/** The options of the TrustStore calls: their warnings and errors in the CLI's language. */
const messageOptions = () => ({ locale: lang });

const revokeKid = (kid) => (store) => store.revokeKid(kid, messageOptions());
const revokeSerialAnyIssuer = (serial) => (store) => store.revokeSerialAnyIssuer(serial, messageOptions());

/** A bare line is also a serial only when the library reads it as one (e.g. not over 32 bytes). */
const revokeIfSerial = (serial) => (store) => {
  try {
    return store.revokeSerialAnyIssuer(serial, messageOptions());
  } catch (e) {
    if (e && e.code === 'INVALID_SERIAL') return null;
    throw e;
  }
};

/**
 * serial:<hex> (any issuer) or serial:<issuer-file>:<hex>. The serial is what follows the first
 * ":" after which only a serial remains, so OpenSSL's 10:01 form and Windows paths (C:\ca.pem)
 * both work.
 */
function revokeSerialEntry(rest, dir) {
  if (SERIAL.test(rest)) return revokeSerialAnyIssuer(rest);
  const split = issuerAndSerial(rest);
  if (split) {
    const issuer = readCertificate(dir, split.issuer, 'issuer certificate');
    return (store) => store.revokeSerial(issuer, split.serial, messageOptions());
  }
  throw new EntryError(
    'expected serial:<hex> or serial:<issuer-certificate-file>:<hex> (hex digits, 0x or 10:01 form)',
  );
}

/** `<issuer-file>:<hex>` split at the first ":" after which only a serial remains, or null. */
function issuerAndSerial(rest) {
  for (let cut = rest.indexOf(':'); cut > 0; cut = rest.indexOf(':', cut + 1)) {
    const serial = rest.slice(cut + 1).trim();
    if (SERIAL.test(serial)) return { issuer: rest.slice(0, cut), serial };
  }
  return null;
}

function revokeCertificateEntry(name, dir) {
  const cert = readCertificate(dir, name, 'certificate');
  return (store) => store.revokeCertificate(cert, messageOptions());
}

/** One line of a revocation file (trimmed, not blank, not a comment) as the revocations it makes. */
function revocationEntry(line, dir) {
  if (line.startsWith('kid:')) return [revokeKid(nonEmpty(line.slice('kid:'.length), 'kid'))];
  if (line.startsWith('serial:')) return [revokeSerialEntry(nonEmpty(line.slice('serial:'.length), 'serial'), dir)];
  if (line.startsWith('cert:')) return [revokeCertificateEntry(line.slice('cert:'.length), dir)];
  if (SERIAL.test(line)) return [revokeKid(line), revokeIfSerial(line)];
  if (line.includes(':')) {
    const prefix = line.slice(0, line.indexOf(':') + 1);
    throw new EntryError(`unknown entry type ${JSON.stringify(prefix)} (expected kid:, serial: or cert:)`);
  }
  if (/\s/.test(line)) {
    throw new EntryError('a bare entry cannot contain white space (write kid:<kid> or serial:<issuer-file>:<hex>)');
  }
  return [revokeKid(line)];
}

function revocationLines(file) {
  let content = readFile(file, 'revocation file').toString('utf8');
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
  return content
    .split(/\r?\n/)
    .map((raw, i) => ({ line: raw.trim(), number: i + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
}

/** Warnings of one entry's RevokeResults; NO_MATCH only when none of them matched anything. */
function reportRevocation(where, entry, results) {
  const seen = new Set();
  const noMatch = [];
  for (const w of results.flatMap((r) => r.warnings ?? [])) {
    const key = `${w.code}\n${w.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (w.code === 'NO_MATCH') noMatch.push(w.message);
    else warn(text`${where}: ${w.code}: ${w.message}`);
  }
  if (results.every((r) => r.matched === false)) {
    const why = noMatch.join('; ') || t('noKeyHasIt');
    warn(text`${where}: ${t('matchesNothing', entry, why)}`);
  }
}

function loadRevoked(store, file) {
  const dir = path.dirname(file);
  for (const { line, number } of revocationLines(file)) {
    const where = `${file}:${number}`;
    let results;
    try {
      results = revocationEntry(line, dir)
        .map((revoke) => revoke(store))
        .filter(Boolean);
    } catch (e) {
      throw e instanceof EntryError ? new FileError(`${where}: ${e.message}`) : locatedError(where, e);
    }
    reportRevocation(where, line, results);
  }
}

// --- dump reports -------------------------------------------------------------------------------

const toHex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('hex');

function jsonReplacer(_key, value) {
  return value instanceof Uint8Array ? toHex(value) : value;
}

function certName(c) {
  return c ? c.subject : '?';
}

/** Epoch milliseconds as ISO 8601 UTC, or the number itself when no Date can hold it. */
function epochTime(ms) {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return `${ms} (epoch ms)`;
  return new Date(ms).toISOString();
}

function verdictLine(file, r) {
  if (r.ok) return text`${file}: ${t('accepted')}${r.verified ? t('signatureVerified') : ''}`;
  const failed = r.checks.filter((c) => c.status === 'failed').map((c) => c.id);
  return text`${file}: ${t('rejected', failed.join(', ') || t('none'))}`;
}

function checkLines(r) {
  const width = Math.max(...r.checks.map((c) => c.id.length));
  const statusWidth = Math.max(...['passed', 'failed', 'skipped'].map((st) => t(st).length));
  // A failed check leads with its stable reason code (what scripts should match on).
  return r.checks.map((c) => {
    const why = c.status === 'failed' ? `${c.reason}: ` : '';
    return text`  ${c.id.padEnd(width)}  ${t(c.status).padEnd(statusWidth)}  ${why}${c.message}`;
  });
}

function cardLine(card) {
  const name = [card.name, card.englishName].filter(Boolean).join(' / ');
  const valid = `${card.validFrom}..${card.validUntil ?? t('longTerm')}`;
  const sex = card.sex === 'male' || card.sex === 'female' ? t(card.sex) : card.sex;
  return (
    text`  ${t('card')} ${card.layout} ${card.number}  ${name}  ${t('born')} ${card.birthDate} ${sex}  ${t('valid')} ${valid}` +
    (card.verified ? '' : t('notVerified'))
  );
}

function signerLines(s) {
  const from = s.trustList ? text` (${t('fromList', s.trustList.id, s.trustList.sequence)})` : '';
  if (s.method === 'jwk') return [text`  ${t('signer')} JWK kid ${s.kid ?? s.kidHex ?? '?'}` + from];
  const leaf = s.certificates[0];
  const lines = [
    text`  ${t('signer')} x5chain ${certName(leaf)}` +
      (leaf ? text` (${t('serial')} ${leaf.serialHex})` : '') +
      (s.anchor ? text`, ${t('anchor')} ${certName(s.anchor)}` : '') +
      from,
  ];
  const extra = s.extraCertificates ?? [];
  if (extra.length) {
    const subjects = extra.map(certName).join('; ');
    lines.push(text`  ${t('extra')} ${t('extraCerts', extra.length, subjects)}`);
  }
  return lines;
}

function dataLine(r) {
  const extras = [];
  if (r.nonce) extras.push(`${t('nonce')} ${toHex(r.nonce)}`);
  if (r.chipSerial) extras.push(`${t('chipSerial')} ${toHex(r.chipSerial)}`);
  if (r.photo) extras.push(t('photo', r.photo.length));
  if (r.fingerprint) extras.push(t('fingerprint', r.fingerprint.length));
  return extras.length ? `  ${t('data')} ${extras.join(', ')}` : null;
}

function describeDump(file, r) {
  const lines = [verdictLine(file, r), ...checkLines(r)];
  if (r.card) lines.push(cardLine(r.card));
  if (r.signer) lines.push(...signerLines(r.signer));
  if (r.readAtMs !== null && r.readAtMs !== undefined) {
    lines.push(text`  ${t('readAt')} ${epochTime(r.readAtMs)}` + (r.readerId ? text` ${t('by')} ${r.readerId}` : ''));
  }
  const data = dataLine(r);
  if (data) lines.push(data);
  for (const w of r.warnings) lines.push(text`  ${t('warning')} ${w.code}: ${w.message}`);
  return lines.join('\n');
}

function describeItem(item) {
  if (item.error) return text`${item.file}: ${t('errorNotVerified')}: ${item.error.message}`;
  return describeDump(item.file, item.report);
}

function jsonItem(item) {
  return item.error ? { file: item.file, ok: false, error: item.error } : { file: item.file, ...item.report };
}

// --- dump ---------------------------------------------------------------------------------------

function dumpOptions(values) {
  const options = { locale: lang };
  if (values.at !== undefined) options.at = parseTime(values.at);
  if (values.nonce !== undefined) {
    options.expectedNonce = hexBytes(values.nonce, '--nonce');
    if (options.expectedNonce.length === 0) throw new UsageError('--nonce must not be empty');
  }
  if (values['max-age'] !== undefined) {
    options.maxAgeSeconds = values['max-age'] === 'none' ? null : wholeSeconds(values['max-age'], '--max-age');
  }
  if (values['clock-skew'] !== undefined) options.clockSkewSeconds = wholeSeconds(values['clock-skew'], '--clock-skew');
  if (values.aad !== undefined) options.externalAad = hexBytes(values.aad, '--aad');
  if (values['reject-ca-signer']) options.rejectCaSigner = true;
  if (values['require-signed-x5chain']) options.requireSignedX5chain = true;
  return options;
}

function hexBytes(value, flag) {
  const clean = value.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new UsageError(`${flag} must be hex (an even number of digits)`);
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

function wholeSeconds(value, flag) {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number of seconds, got ${value}`);
  return Number(value);
}

/** Lets the library reject the options (INVALID_OPTION, exit 2) before anything is printed. */
function checkOptions(store, options) {
  cnid.verifyDump(new Uint8Array(0), store, options);
}

/** One dump file: {file, report}, or {file, error} when it cannot be read or verified. */
function verifyFile(file, store, options) {
  let bytes;
  try {
    bytes = readPrefix(file, DUMP_READ_LIMIT);
  } catch (e) {
    return { file, error: { code: e.code ?? 'READ_ERROR', message: t('cannotReadDump', fsReason(e)) } };
  }
  try {
    return { file, report: cnid.verifyDump(bytes, store, options) };
  } catch (e) {
    if (e && e.code === 'INVALID_OPTION') throw e;
    return { file, error: { code: e?.code ?? 'INTERNAL', message: t('cannotVerifyDump', e?.message ?? e) } };
  }
}

function cmdDump(argv) {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    trust: { type: 'string', multiple: true },
    revoked: { type: 'string', multiple: true },
    at: { type: 'string' },
    nonce: { type: 'string' },
    'max-age': { type: 'string' },
    'clock-skew': { type: 'string' },
    aad: { type: 'string' },
    'reject-ca-signer': { type: 'boolean' },
    'require-signed-x5chain': { type: 'boolean' },
    'trust-list': { type: 'string', multiple: true },
    'list-signer': { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(usage());
    return 0;
  }
  const lists = values['trust-list'] ?? [];
  if ((values.trust ?? []).length === 0 && lists.length === 0) throw new UsageError(t('trustRequired'));
  if (lists.length > 0 && (values['list-signer'] ?? []).length === 0) {
    throw new UsageError('--trust-list needs at least one --list-signer FILE');
  }
  if (positionals.length === 0) throw new UsageError(t('noDumps'));
  const options = dumpOptions(values);

  const store = new cnid.TrustStore();
  try {
    for (const f of values.trust ?? []) loadTrust(store, f);
    for (const f of values.revoked ?? []) loadRevoked(store, f);
    if (lists.length > 0) loadTrustLists(store, lists, values['list-signer'], options.at);
    checkOptions(store, options);
    // One file at a time: an unreadable file or an odd report is that item's problem only.
    const items = positionals.map((f) => verifyFile(f, store, options));
    for (const item of items) if (item.error) err(text`${PROG}: ${item.file}: ${item.error.message}`);
    if (values.json) out(toJson(items.map(jsonItem), jsonReplacer));
    else out(items.map(describeItem).join('\n\n'));
    if (items.some((item) => item.error)) return 2;
    return items.every((item) => item.report.ok) ? 0 : 1;
  } finally {
    store.free();
  }
}

// --- trust lists --------------------------------------------------------------------------------

/** A store of the pinned list signers (JWK sets or certificates, as --trust reads them). */
function signerStore(files) {
  const signers = new cnid.TrustStore();
  for (const f of files) loadTrust(signers, f);
  return signers;
}

/** Adds each list to `store`, verified with the signers at `at`; a rejected list is a file error. */
function loadTrustLists(store, files, signerFiles, at) {
  const signers = signerStore(signerFiles);
  try {
    for (const f of files) {
      const options = { signers, locale: lang, ...(at === undefined ? {} : { at }) };
      try {
        const r = store.addTrustList(Uint8Array.from(readFile(f, 'trust list')), options);
        for (const w of r.warnings) warn(text`${f}: ${w.code}: ${w.message}`);
      } catch (e) {
        throw locatedError(f, e);
      }
    }
  } finally {
    signers.free();
  }
}

/** A P-256 private key from a PEM file or a JWK (with "d"), and the JWK's kid when it has one. */
function readPrivateKey(file) {
  const raw = readFile(file, 'key file').toString('utf8');
  let key;
  let kid;
  try {
    if (raw.trimStart().startsWith('{')) {
      const jwk = JSON.parse(raw);
      kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
      key = crypto.createPrivateKey({ key: jwk, format: 'jwk' });
    } else {
      key = crypto.createPrivateKey(raw);
    }
  } catch (e) {
    throw new FileError(`${file}: not a private key (PEM or JWK with "d"): ${e.message}`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new FileError(`${file}: not a P-256 (prime256v1) key`);
  }
  return { key, kid };
}

/** The reader keys of JWK set files, merged into one set; a private key in them is an error. */
function mergedJwks(files) {
  const keys = [];
  for (const f of files) {
    let set;
    try {
      set = JSON.parse(readFile(f, 'JWK set').toString('utf8'));
    } catch (e) {
      throw e instanceof FileError ? e : new FileError(`${f}: not JSON: ${e.message}`);
    }
    if (!set || !Array.isArray(set.keys)) throw new FileError(`${f}: not a JWK set ({"keys": [...]})`);
    for (const k of set.keys) {
      if (k && typeof k === 'object' && 'd' in k) throw new FileError(`${f}: holds a private key ("d"): a list carries public keys only`);
      keys.push(k);
    }
  }
  return JSON.stringify({ keys });
}

const derOf = (cert) => new Uint8Array(new crypto.X509Certificate(cert).raw);

/** Every certificate of a PEM file (or the one DER certificate), as DER. */
function anchorDers(file) {
  const bytes = readFile(file, 'anchor file');
  const pem = bytes.toString('latin1');
  try {
    if (!pem.includes('-----BEGIN')) return [derOf(bytes)];
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) throw new Error('no CERTIFICATE block');
    return blocks.map(derOf);
  } catch (e) {
    throw new FileError(`${file}: not an X.509 certificate: ${e.message}`);
  }
}

/** A revocation file (the dump --revoked format) as trust-list fields 7 (kids), 8 (serials), 9 (keys). */
function listRevocations(files) {
  const kids = [];
  const serials = [];
  const keys = [];
  for (const file of files) {
    const dir = path.dirname(file);
    for (const { line, number } of revocationLines(file)) {
      const where = `${file}:${number}`;
      try {
        if (line.startsWith('kid:')) kids.push(nonEmpty(line.slice(4), 'kid'));
        else if (line.startsWith('cert:')) keys.push(thumbprint(new crypto.X509Certificate(readCertificate(dir, line.slice(5), 'certificate')).publicKey));
        else if (line.startsWith('serial:')) {
          const rest = nonEmpty(line.slice(7), 'serial');
          if (SERIAL.test(rest)) throw new EntryError('a trust list revokes serials under an issuer only: serial:<issuer-file>:<hex>');
          const split = issuerAndSerial(rest);
          if (!split) throw new EntryError('expected serial:<issuer-certificate-file>:<hex>');
          const hex = split.serial.replace(/^0x/i, '').replace(/:/g, '');
          const serial = Uint8Array.from(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
          serials.push([derOf(readCertificate(dir, split.issuer, 'issuer certificate')), serial]);
        } else if (!line.includes(':') && !/\s/.test(line)) kids.push(line);
        else throw new EntryError('expected kid:<kid>, serial:<issuer-file>:<hex> or cert:<file>');
      } catch (e) {
        throw new FileError(`${where}: ${e.message}`);
      }
    }
  }
  return { kids, serials, keys };
}

function cmdTrustlistMake(argv) {
  const { values, positionals } = parse(argv, {
    key: { type: 'string' },
    kid: { type: 'string' },
    id: { type: 'string' },
    sequence: { type: 'string' },
    issued: { type: 'string' },
    expires: { type: 'string' },
    jwks: { type: 'string', multiple: true },
    anchor: { type: 'string', multiple: true },
    revoked: { type: 'string', multiple: true },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(usage());
    return 0;
  }
  for (const flag of ['key', 'id', 'sequence', 'expires', 'out']) {
    if (values[flag] === undefined) throw new UsageError(`trustlist make needs --${flag}`);
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const { key, kid: jwkKid } = readPrivateKey(values.key);
  const kid = values.kid ?? jwkKid;
  if (!kid) throw new UsageError('trustlist make needs --kid (the key file has no kid)');
  const seconds = (ms) => Math.floor(ms / 1000);
  const fields = {
    0: 1,
    1: values.id,
    2: integerFlag('sequence', values.sequence, Number.MAX_SAFE_INTEGER),
    3: seconds(values.issued === undefined ? Date.now() : parseTime(values.issued)),
    4: seconds(parseTime(values.expires)),
  };
  if (values.jwks) fields[5] = mergedJwks(values.jwks);
  if (values.anchor) fields[6] = values.anchor.flatMap(anchorDers);
  const r = listRevocations(values.revoked ?? []);
  if (r.kids.length) fields[7] = r.kids;
  if (r.serials.length) fields[8] = r.serials;
  if (r.keys.length) fields[9] = r.keys;
  const bytes = makeTrustList({ fields, key, kid });
  try {
    fs.writeFileSync(values.out, bytes);
  } catch (e) {
    throw new FileError(`cannot write ${values.out}: ${e.message}`);
  }
  out(text`${t('listWritten', values.out, values.id, fields[2], bytes.length)}`);
  return 0;
}

function cmdTrustlistShow(argv) {
  const { values, positionals } = parse(argv, {
    signer: { type: 'string', multiple: true },
    at: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(usage());
    return 0;
  }
  if ((values.signer ?? []).length === 0) throw new UsageError('trustlist show needs at least one --signer FILE');
  if (positionals.length !== 1) throw new UsageError('trustlist show takes exactly one LIST file');
  const file = positionals[0];
  const bytes = Uint8Array.from(readFile(file, 'trust list'));
  const signers = signerStore(values.signer);
  const store = new cnid.TrustStore();
  try {
    const options = { signers, locale: lang, ...(values.at === undefined ? {} : { at: parseTime(values.at) }) };
    let r;
    try {
      r = store.addTrustList(bytes, options);
    } catch (e) {
      if (!(e && typeof e.code === 'string' && e.code.startsWith('TRUST_LIST_'))) throw e;
      if (values.json) out(toJson({ file, ok: false, error: { code: e.code, message: e.message } }));
      else out(text`${file}: ${t('listRejected', e.code)}${e.message}`);
      return 1;
    }
    const content = { kids: store.kids(), anchors: store.anchors(), revokedKids: store.revokedKids(), revokedSerials: store.revokedSerials(), revokedKeys: store.revokedKeys() };
    if (values.json) {
      out(toJson({ file, ok: true, ...r, content }, jsonReplacer));
    } else {
      const revocations = content.revokedKids.length + content.revokedSerials.length + content.revokedKeys.length;
      const lines = [
        text`${file}: ${t('listAccepted', r.listId, r.sequence)}`,
        text`  ${t('listTimes')}${epochTime(r.issuedAtMs)} .. ${epochTime(r.expiresAtMs)}`,
        ...signerLines(r.signer),
        text`  ${t('listContent', r.keysAdded, r.anchorsAdded, revocations)}`,
      ];
      for (const w of r.warnings) lines.push(text`  ${t('warningLabel')}${w.code}: ${w.message}`);
      out(lines.join('\n'));
    }
    return 0;
  } finally {
    store.free();
    signers.free();
  }
}

// --- dev: the signer kit (test material) -----------------------------------------------------

/** A kid marked as test material. */
const testKid = (kid) => (/TEST/.test(kid) ? kid : `${kid}-TEST`);

function writeOut(file, data) {
  try {
    fs.writeFileSync(file, data);
  } catch (e) {
    throw new FileError(`cannot write ${file}: ${e.message}`);
  }
}

function cmdDevKeygen(argv) {
  const { values, positionals } = parse(argv, { kid: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    out(usage());
    return 0;
  }
  if (values.out === undefined) throw new UsageError('dev keygen needs --out PREFIX');
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const kid = testKid(values.kid ?? `reader-TEST-${crypto.randomBytes(4).toString('hex')}`);
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pub = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' };
  writeOut(`${values.out}.jwk`, `${JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256' }, null, 2)}\n`);
  writeOut(`${values.out}.pem`, privateKey.export({ format: 'pem', type: 'pkcs8' }));
  writeOut(`${values.out}.pub.jwks`, `${JSON.stringify({ keys: [pub] }, null, 2)}\n`);
  out(text`${t('keyWritten', kid, `${values.out}.jwk`, `${values.out}.pem`, `${values.out}.pub.jwks`)}`);
  return 0;
}

/** A certificate file (PEM or DER) as DER. */
function certificateDer(file) {
  try {
    return derOf(readFile(file, 'certificate'));
  } catch (e) {
    throw e instanceof FileError ? e : new FileError(`${file}: not an X.509 certificate: ${e.message}`);
  }
}

function cmdDevSign(argv) {
  const { values, positionals } = parse(argv, {
    key: { type: 'string' },
    kid: { type: 'string' },
    x5chain: { type: 'string', multiple: true },
    nonce: { type: 'string' },
    aad: { type: 'string' },
    'read-at': { type: 'string' },
    'reader-id': { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(usage());
    return 0;
  }
  if (values.key === undefined || values.out === undefined) throw new UsageError('dev sign needs --key FILE and --out FILE');
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('dev sign takes TEXT.bin and optionally PHOTO.bin');
  const { key, kid: jwkKid } = readPrivateKey(values.key);
  const x5chain = (values.x5chain ?? []).map(certificateDer);
  const kid = values.kid ?? (x5chain.length === 0 ? jwkKid : undefined);
  if (kid === undefined && x5chain.length === 0) throw new UsageError('dev sign needs --kid or --x5chain (the key file has no kid)');
  const block = (file, size, what) => {
    const b = Uint8Array.from(readFile(file, what));
    if (b.length !== size) throw new FileError(`${file}: the ${what} must be exactly ${size} bytes, it is ${b.length}`);
    return b;
  };
  const { bytes } = makeDump({
    text: block(positionals[0], 256, 'text block'),
    photo: positionals[1] === undefined ? undefined : block(positionals[1], 1024, 'photo block'),
    readAt: Math.floor((values['read-at'] === undefined ? Date.now() : parseTime(values['read-at'])) / 1000),
    nonce: values.nonce === undefined ? undefined : hexBytes(values.nonce, '--nonce'),
    readerId: values['reader-id'],
    key,
    kid: kid === undefined ? undefined : testKid(kid),
    x5chain,
    externalAad: values.aad === undefined ? undefined : hexBytes(values.aad, '--aad'),
  });
  writeOut(values.out, bytes);
  out(text`${t('dumpWritten', values.out, bytes.length)}`);
  return 0;
}

function cmdDevPki(argv) {
  const { values, positionals } = parse(argv, {
    name: { type: 'string' },
    days: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    out(usage());
    return 0;
  }
  if (values.out === undefined) throw new UsageError('dev pki needs --out DIR');
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const days = integerFlag('days', values.days ?? '365', 36500);
  const name = values.name ?? 'Vendor';
  const notBefore = Date.now() - 86400_000;
  const notAfter = Date.now() + days * 86400_000;
  const key = () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const [root, inter, reader] = [key(), key(), key()];
  const names = { root: `${name} Root TEST`, inter: `${name} Intermediate TEST`, reader: `${name} Reader TEST` };
  const serial = () => crypto.randomBytes(8);
  const certs = {
    root: makeCertificate({ subject: names.root, serial: serial(), notBefore, notAfter, publicKey: root.publicKey, signingKey: root.privateKey, ca: true }),
    intermediate: makeCertificate({ subject: names.inter, issuer: names.root, serial: serial(), notBefore, notAfter, publicKey: inter.publicKey, signingKey: root.privateKey, ca: true, pathLen: 0 }),
    reader: makeCertificate({ subject: names.reader, issuer: names.inter, serial: serial(), notBefore, notAfter, publicKey: reader.publicKey, signingKey: inter.privateKey, ca: false }),
  };
  try {
    fs.mkdirSync(values.out, { recursive: true });
  } catch (e) {
    throw new FileError(`cannot create ${values.out}: ${e.message}`);
  }
  const keys = { root: root.privateKey, intermediate: inter.privateKey, reader: reader.privateKey };
  for (const [n, c] of Object.entries(certs)) {
    writeOut(path.join(values.out, `${n}.pem`), certificatePem(c));
    writeOut(path.join(values.out, `${n}.key.pem`), keys[n].export({ format: 'pem', type: 'pkcs8' }));
  }
  out(text`${t('pkiWritten', values.out, names.root, names.reader)}`);
  return 0;
}

function cmdDev(argv) {
  const [sub, ...rest] = argv;
  if (sub === 'keygen') return cmdDevKeygen(rest);
  if (sub === 'pki') return cmdDevPki(rest);
  if (sub === 'sign') return cmdDevSign(rest);
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    out(usage());
    return sub === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown dev command ${JSON.stringify(sub)} (keygen, pki or sign)`);
}

function cmdTrustlist(argv) {
  const [sub, ...rest] = argv;
  if (sub === 'make') return cmdTrustlistMake(rest);
  if (sub === 'show') return cmdTrustlistShow(rest);
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    out(usage());
    return sub === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown trustlist command ${JSON.stringify(sub)} (make or show)`);
}

// --- main ---------------------------------------------------------------------------------------

function main(args) {
  const chosen = chooseLang(args);
  lang = chosen.lang;
  const [cmd, ...rest] = chosen.rest;
  switch (cmd) {
    case 'number':
      return cmdNumber(rest);
    case 'dump':
      return cmdDump(rest);
    case 'trustlist':
      return cmdTrustlist(rest);
    case 'dev':
      return cmdDev(rest);
    case 'generate':
      return cmdGenerate(rest);
    case 'mask':
      return cmdMask(rest);
    case '--help':
    case '-h':
    case 'help':
      out(usage());
      return 0;
    case '--version':
    case '-V':
      out(`${PROG} ${cnid.version()}`);
      return 0;
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command ${JSON.stringify(cmd)}`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    err(`${PROG}: ${safe(e.message)}\n${SYNOPSIS}\n${t('seeHelp')}`);
  } else if (e instanceof FileError) {
    err(`${PROG}: ${safe(e.message)}`);
  } else if (e && e.code === 'INVALID_OPTION') {
    // The library rejected an option value the CLI passed through (e.g. an impossible --at date).
    err(`${PROG}: ${t('invalidOption')}: ${safe(e.message)}\n${t('seeHelp')}`);
  } else {
    err(`${PROG}: ${t('error')}: ${safe(`${e && e.code ? `${e.code}: ` : ''}${e && e.message ? e.message : e}`)}`);
  }
  process.exitCode = 2;
}
