//! 简体中文消息：每个键一个模板（占位符见 `super`）。

use super::NumberKey as N;
use crate::core::number::kinds::ProvinceTable;
use crate::core::number::Kind;

/// 号码消息的模板。
pub fn number(key: N) -> &'static str {
    match key {
        N::Empty => "输入为空",
        N::TooLong => "输入长 {length} 字节，最多只检查 {limit} 字节",
        N::CharacterAt => "第 {positions} 位的字符 {shown} 不允许（只允许数字和字母）",
        N::CharacterBeyond => "含有数字和字母以外的字符",
        N::StrictUppercase => "严格模式要求大写字母（例如 'X'，而不是 'x'）",
        N::Length => "长度为 {length} 个字符：证件号码应为 15 或 18 位，通行证号码为 8 到 11 位",
        N::LengthOptIn => {
            "长度为 {length} 个字符：证件号码应为 15 或 18 位；只有 kinds 选项包含 {optInKind} 时才识别 {optInKind} 号码（任意 {length} 位数字都会被当作此类号码）"
        }
        N::KindNotAllowed => "此处不接受 {kind} 号码（接受：{allowed}）",
        N::Format => "第 {positions} 位的字符 {shown} 在该位置不允许（{rule}）",
        N::CheckDigit => "校验码为 '{actual}'，应为 '{expected}'（{algorithm}）",
        N::CheckDigitAccepted => "因 fpr15 的校验规则未经证实，仍予接受（fpr15CheckDigit: 'warning'）",
        N::LegacyNumber => "旧版 15 位号码（GB 11643-1989）：没有校验码，无法发现输入错误",
        N::NoCheckCharacter => "{kind} 号码没有校验码，无法发现输入错误",
        N::OldPassFormat => "旧版 {length} 位格式：终身号码 {number} 后接{counted} {count}；现行通行证只有终身号码",
        N::BirthNotADate => "出生日期数字 {value} 不是有效日期",
        N::BirthAfterCheckDate => "出生日期 {value} 晚于核验日期 {limit}",
        N::BirthBeforeMinimum => "出生日期 {value} 早于 {limit}",
        N::BirthCenturyInferred => "号码只记录两位年份；按不晚于核验日期 {checkDate} 推定出生年份为 {birthYear} 年",
        N::Region => "地区代码 {code} 不是{table}",
        N::NationalityUnknown => "国籍代码 {code} 不是 ISO 3166-1 代码",
        N::NationalityChina => "国籍为中国（156/CHN），外国人证件不能使用",
        N::NationalityUnusual => "外国人证件上不应出现国籍 {code}（{name}）",
    }
}

/// 号码类型的格式说明（`FORMAT` 消息）。
pub fn kind_rule(kind: Kind) -> &'static str {
    match kind {
        Kind::Fpr18 => "fpr18 为 '9' + 16 位数字 + 1 位数字或 'X'",
        Kind::Fpr15 => "fpr15 为 3 个字母 + 12 位数字",
        Kind::Resident18 => "resident18 为 17 位数字 + 1 位数字或 'X'",
        Kind::Resident15 => "resident15 为 15 位数字",
        Kind::Hmt18 => "hmt18 为 810000/820000/830000 + 11 位数字 + 1 位数字或 'X'",
        Kind::HkmoPass => "hkmo_pass 为 'H' 或 'M' + 8 位数字（旧版通行证另加 2 位换证次数）",
        Kind::TwPass => "tw_pass 为 8 位数字（旧版通行证另加 2 位签发次数）",
    }
}

/// 旧版通行证号码末 2 位计数的含义（`OLD_PASS_FORMAT` 消息）。
pub fn older_count(kind: Kind) -> &'static str {
    match kind {
        Kind::HkmoPass => "换证次数",
        _ => "签发次数",
    }
}

/// 省级代码表的说明（`REGION` 消息）。
pub(crate) fn province_table(table: ProvinceTable) -> &'static str {
    match table {
        ProvinceTable::Mainland => "大陆省级行政区划代码（11–65）",
        ProvinceTable::Gb2260 => "GB/T 2260 省级行政区划代码（11–65、71、81、82）",
    }
}

/// 芯片数据核验项的消息模板。
#[cfg(feature = "dumps")]
pub fn dump(key: super::DumpKey) -> &'static str {
    use super::DumpKey as D;
    match key {
        D::SkippedBecause => "已跳过：{check} 未通过",
        D::SkippedNotRun => "已跳过：未执行",
        D::InternalMissing => "内部错误：缺少{what}",
        D::InternalNoP256 => "内部错误：签名者证书没有 P-256 密钥",
        D::TooLarge => "数据包为 {size} 字节，超过允许的 {limit} 字节",
        D::EnvelopeOk => "格式正确的 COSE_Sign1（{form}），{size} 字节",
        D::NotCbor => "数据包不是格式正确的 CBOR：{error}",
        D::Tag18Wraps => "标签 18 包装的是{type}，而不是 COSE_Sign1 数组",
        D::OtherTag => "CBOR 标签 {tag} 不是 COSE_Sign1（标签 18）",
        D::NotAnArray => "数据包是 CBOR {type}，而不是 COSE_Sign1 数组",
        D::FourElements => "COSE_Sign1 必须是含 4 个元素的数组，此数组有 {count} 个",
        D::ProtectedNotBytes => "受保护头部是{type}，而不是字节串",
        D::UnprotectedNotMap => "未受保护头部是{type}，而不是映射",
        D::ProtectedNotMap => "受保护头部包含的是{type}，而不是映射",
        D::ProtectedNotCbor => "受保护头部不是格式正确的 CBOR：{error}",
        D::Detached => "载荷为分离式（nil）；签名的芯片数据必须内嵌载荷",
        D::PayloadNotBytes => "载荷是{type}，而不是字节串",
        D::SignatureDer => "签名是 {size} 字节的 DER 编码 ECDSA 签名；COSE 要求 64 字节的 r||s 形式",
        D::SignatureLength => "签名为 {size} 字节，应为 64 字节（r||s）",
        D::SignatureNotBytes => "签名是{type}，而不是字节串",
        D::LabelType => "{header}头部有一个类型为{type}的标签",
        D::CritUnprotected => "crit（标签 2）必须位于受保护头部",
        D::CritEmpty => "crit（标签 2）是空数组",
        D::CritNotArray => "crit（标签 2）是{type}，而不是标签数组",
        D::CritNotUnderstood => "crit 列出了本核验器不支持的头部标签 {label}",
        D::CritAbsent => "crit 列出了头部标签 {label}，但受保护头部中没有该标签",
        D::CritNotLabel => "crit 列出了{type}，而不是头部标签",
        D::BothHeaders => "{name}（标签 {label}）同时出现在受保护头部和未受保护头部",
        D::AlgOk => "alg 为 ES256（-7），位于受保护头部",
        D::AlgOther => "alg 为 {alg}，只接受 ES256（-7）",
        D::AlgText => "alg 为文本 {text}，只接受 ES256（整数 -7）",
        D::AlgType => "alg 是{type}，只接受 ES256（-7）",
        D::AlgUnprotected => "alg 只出现在未受保护头部；它必须位于受保护头部",
        D::AlgMissing => "受保护头部缺少 alg",
        D::KidType => "kid（标签 4）是{type}，而不是字节串",
        D::X5chainEmpty => "x5chain（标签 33）是空数组",
        D::X5chainElement => "x5chain 第 {index} 个元素是{type}，而不是 DER 证书字节串",
        D::X5chainType => "x5chain（标签 33）是{type}，而不是字节串或字节串数组",
        D::X5tLength => "x5t（标签 34）含有 {size} 字节的 SHA-256 摘要，应为 32 字节",
        D::X5tAlg => "x5t（标签 34）使用摘要算法 {alg}；只支持 SHA-256（-16）",
        D::X5tShape => "x5t（标签 34）不是 [hashAlg, hashValue]",
        D::X5tType => "x5t（标签 34）是{type}，而不是 [hashAlg, hashValue]",
        D::PayloadNotCbor => "载荷不是格式正确的 CBOR：{error}",
        D::PayloadNotMap => "载荷是 CBOR {type}，而不是映射",
        D::PayloadKeyType => "载荷有一个类型为{type}的键；键必须是无符号整数",
        D::UnknownPayloadKey => "载荷键 {key} 未在版本 1 中定义，已忽略",
        D::MissingField => "载荷缺少必需的键 {key}（{field}）",
        D::Version => "不支持载荷版本 {version}（应为 {expected}）",
        D::FieldNotUint => "载荷 {field} 是{type}，而不是无符号整数",
        D::ReadAtRange => "载荷 readAt (4) 的值 {value} 超出范围",
        D::FieldSize => "载荷 {field} 为 {size} 字节，应恰好为 {expected} 字节",
        D::FieldNotBytes => "载荷 {field} 是{type}，而不是字节串",
        D::FieldRange => "载荷 {field} 为 {size} 字节，应为 {min} 到 {max} 字节",
        D::ReaderIdLength => "载荷 readerId (6) 为 {count} 个字符，应为 1 到 {max} 个",
        D::ReaderIdType => "载荷 readerId (6) 是{type}，而不是文本串",
        D::PayloadOk => "载荷版本 1，含文本块、{fields}",
        D::KidIgnored => {
            "数据包除 x5chain 外还带有 kid {kid}；信任由 x5chain 决定，kid 仅供参考（已吊销的 kid 仍会使 REVOCATION 不通过）"
        }
        D::NoSignerId => "数据包既没有 kid 也没有 x5chain，无法查找签名者",
        D::X5tMismatch => "受保护的 x5t（SHA-256）与 x5chain 的签名者证书不符：该证书链不是被签名的那一条",
        D::UnsignedX5chain => {
            "x5chain 位于未受保护头部，且没有受保护的 x5t 与之绑定；本应用要求证书链受签名保护（requireSignedX5chain）"
        }
        D::UnknownKid => "kid {kid} 不在受信任的 JWK 中（共信任 {count} 个密钥）",
        D::KidOk => "kid {kid}（{header}头部）匹配 {count} 个受信任的 JWK",
        D::ExtraCertificates => "信任锚之后的 {count} 个 x5chain 证书已忽略（列于 signer.extraCertificates）",
        D::ChainOk => "签名者证书 {signer} 可链接到信任锚 {anchor}（x5chain 中有 {count} 个证书）",
        D::CaSignerRejected => "数据包由 CA 证书 {cert}（cA=TRUE）直接签名；本应用拒绝 CA 签名者（rejectCaSigner）",
        D::SignerIsCa => "数据包由 CA 证书 {cert}（cA=TRUE）直接签名；读卡器应使用终端实体证书签名",
        D::KidRevoked => "kid {kid} 已被吊销",
        D::PathNotRevoked => "路径中的 {count} 个证书及其密钥均未被吊销",
        D::SigningKeyRevoked => "签署该数据包的密钥已被吊销：{why}",
        D::EveryKeyRevoked => "kid {kid} 下的所有密钥均已被吊销：{why}",
        D::KidNotRevoked => "kid {kid} 及其密钥均未被吊销",
        D::KidNotRevokedSome => "kid {kid} 未被吊销；其 {count} 个密钥中有 {revoked} 个已被吊销，但不是起作用的那一个",
        D::AadEmpty => "外部 AAD 为空",
        D::AadApp => "使用应用提供的 {size} 字节外部 AAD",
        D::SignatureOkJwk => "已使用 JWK {kid} 验证 ES256 签名，{aad}",
        D::SignatureOkJwkOf => "已使用 JWK {kid}（{count} 个密钥中的第 {index} 个）验证 ES256 签名，{aad}",
        D::SignatureOkCert => "已使用签名者证书 {cert} 验证 ES256 签名，{aad}",
        D::MismatchJwk => "使用 kid {kid} 的 JWK 验证 ES256 签名失败，{aad}（内容被篡改、密钥错误或外部 AAD 不同）",
        D::MismatchCert => "使用签名者证书 {cert} 验证 ES256 签名失败，{aad}（内容被篡改、密钥错误或外部 AAD 不同）",
        D::SignatureBadLength => "ES256 签名无效：签名为 {size} 字节，ES256 要求恰好 64 字节（r||s）",
        D::SignatureROutOfRange => "ES256 签名无效：r 不在 [1, n-1] 范围内",
        D::SignatureSOutOfRange => "ES256 签名无效：s 不在 [1, n-1] 范围内",
        D::InFuture => "读取时间 {readAt} 比核验时间 {at} 晚 {ahead}（允许的时钟偏差为 {skew}）",
        D::TooOld => "读取时间 {readAt} 比核验时间 {at} 早 {age}，超过最长有效时长 {maxAge}",
        D::AgeBefore => "早于核验时间 {age}",
        D::AgeAfter => "晚于核验时间 {age}，在允许的时钟偏差之内",
        D::Fresh => "读取时间 {readAt} {age}（最长有效时长 {maxAge}，时钟偏差 {skew}）",
        D::FreshArchived => "读取时间 {readAt} {age}；已停用最长有效时长（归档数据）",
        D::NonceNotAsked => "已跳过：应用未要求 nonce",
        D::NonceMissing => "应用要求 {size} 字节的 nonce，但载荷中没有 nonce",
        D::NonceOk => "载荷带有预期的 {size} 字节 nonce",
        D::NonceMismatch => {
            "载荷中的 nonce（{size} 字节，{start}…）与预期的 nonce（{expectedSize} 字节，{expectedStart}…）不同"
        }
        D::LayoutFailed => "文本块无法解析：{error}（{code}）",
        D::UnexpectedFingerprint => "载荷带有指纹数据块，但 {layout} 证件没有指纹；该数据块未经芯片版式核验，原样传递",
        D::LayoutOk => "文本块按 {layout} 证件解码",
        D::KindMismatch => "芯片号码 {number} 为{found}，但 {layout} 证件应为 {kind} 号码",
        D::InvalidNumber => "芯片号码 {number} 无效（{errors}）",
        D::NumberOk => "芯片号码 {number} 是有效的 {kind} 号码",
        D::NumberOkWithPass => "芯片号码 {number} 是有效的 {kind} 号码，通行证号码 {passNumber} 是有效的 {passKind} 号码",
        D::InvalidPassNumber => {
            "通行证号码 {passNumber} 不是现行的 hkmo_pass（'H' 或 'M' + 8 位数字）或 tw_pass（8 位数字）号码（{errors}）"
        }
        D::PassRegionMismatch => "通行证号码 {passNumber} 属于地区 {passRegion}，但居住证号码 {number} 属于地区 {region}",
        D::BirthDateMismatch => "芯片上的出生日期 {date} 与号码不一致",
        D::SexMismatch => "芯片上的性别（{chip}）与号码中的性别（{number}）不一致",
        D::NationalityMismatch => "芯片上的国籍 {chip} 与号码中的国籍 {number} 不一致",
        D::ConsistencyOk => "号码中的出生日期、性别和国籍与芯片字段一致",
        D::ConsistencyOkPermit => "出生日期、性别和通行证号码的地区与居住证号码一致",
        D::NotYetValid => "证件有效期自 {from} 起，晚于读取日期 {day}",
        D::Expired => "证件已于 {until} 过期，早于读取日期 {day}",
        D::ValidityOk => "读取日期 {day} 在有效期 {from} 至 {until} 之内",
        D::ValidityLongTerm => "读取日期 {day}；有效期自 {from} 起，长期有效",
    }
}

/// 信任材料消息的模板。
#[cfg(feature = "dumps")]
pub fn trust(key: super::TrustKey) -> &'static str {
    use super::TrustKey as T;
    match key {
        T::JwkSkipped => "已跳过第 {index} 个 JWK：{why}",
        T::JwkWithKidSkipped => "已跳过第 {index} 个 JWK（kid {kid}）：{why}",
        T::DuplicateMember => "成员 {member} 出现两次，密钥有歧义",
        T::NotAnObject => "该条目是{what}，而不是 JWK 对象",
        T::PrivateKeyMaterial => "它含有私钥材料（\"{member}\"）；私钥从不保存——请只发布公钥",
        T::Curve => "不支持曲线 {crv}（只支持 P-256）",
        T::KeyType => "不支持密钥类型 {kty}（只支持 EC P-256）",
        T::Alg => "其 \"alg\" 为 {value}，而不是 \"ES256\"",
        T::Use => "其 \"use\" 为 {value}，而不是 \"sig\"",
        T::KeyOps => "其 \"key_ops\" {value} 不包含 \"verify\"",
        T::KidEmpty => "其 \"kid\" 为空",
        T::KidTooLong => "其 \"kid\" 为 {size} 字节，超过 {max} 字节",
        T::KidNotAString => "其 \"kid\" 为 {value}，而不是字符串",
        T::NoKid => "它没有 \"kid\"",
        T::NotOnCurve => "其 x/y 不是 P-256 曲线上的点",
        T::CoordinateType => "其 \"{member}\" 为 {value}，而不是字符串",
        T::CoordinateMissing => "它没有 \"{member}\"",
        T::CoordinateTooLong => "其 \"{member}\" 过长",
        T::CoordinateNotBase64url => "其 \"{member}\" 不是 base64url 编码",
        T::CoordinateSize => "其 \"{member}\" 为 {size} 字节，P-256 坐标应恰好为 32 字节",
        T::TooManyKeysForKid => "kid {kid} 已有 {max} 个密钥；其下更多的密钥将被跳过",
        T::KidRotation => "kid {kid} 现有 {count} 个密钥；带此 kid 的数据包可用其中任一密钥验证",
        T::KidNoMatch => {
            "kid {kid} 不匹配任何受信任的 JWK；该条目已记录，并将适用于以后添加的密钥，但请核对：kid 按字节比较（字母大小写和 Unicode 规范化形式均有影响）"
        }
        T::KidCaseDiffers => "受信任的 kid {trusted} 与 {kid} 仅字母大小写不同",
        T::IssuerNoMatch => {
            "颁发者 {issuer} 既不是信任锚，也不是由信任锚颁发的，因此本信任库接受的路径中不会有它颁发的证书；该条目仍已记录"
        }
        T::NotACa => {
            "作为颁发者传入的证书（{cert}）不是 CA 证书：请传入颁发被吊销证书的那个证书，或用 revokeCertificate 直接吊销该证书"
        }
        T::NotACaSameSerial => {
            "作为颁发者传入的证书（{cert}）不是 CA 证书，且其序列号正是此序列号：请传入颁发被吊销证书的那个证书，或用 revokeCertificate 直接吊销该证书"
        }
        T::KeyStillTrusted => {
            "序列号只在 X.509 路径上吊销证书；如果其密钥也作为 JWK 受信任，请用 revokeCertificate(certificate) 在所有路径上吊销该密钥"
        }
        T::AnyIssuer => "序列号 {serial} 已在所有颁发者下吊销；其他 CA 颁发的相同序列号的证书也会被拒绝",
        T::NoAnchors => "信任库中没有 X.509 信任锚，目前没有路径会包含此序列号；该条目仍已记录",
        T::CertificateNoMatch => "证书 {cert} 不是信任锚，也不是由信任锚颁发的，其密钥也不是受信任的 JWK；该条目仍已记录",
        T::NoP256Key => "证书 {cert} 的密钥为 {key}，因此只吊销其颁发者和序列号",
        T::SerialRevoked => "证书 {cert}（序列号 {serial}，颁发者 {issuer}）已被吊销",
        T::CertificateKeyRevoked => "证书 {cert}：{why}",
        T::KeyRevoked => "密钥 {thumbprint} 已被吊销（revokeCertificate）",
        T::KeyOfRevokedKid => "密钥 {thumbprint} 是已吊销的 kid {kid} 的密钥",
        T::CertNotYetValid => "证书 {cert} 的有效期自 {notBefore} 起，晚于{when} {time}",
        T::CertExpired => "证书 {cert} 已于 {notAfter} 过期，早于{when} {time}",
        T::UnknownCritical => "证书 {cert} 含有本核验器不支持的关键扩展：{oid}",
        T::CaFalse => "证书 {cert} 颁发了其他证书，但其 basicConstraints 为 cA=FALSE",
        T::NoBasicConstraints => "证书 {cert} 颁发了其他证书，但没有 basicConstraints",
        T::PathLength => "证书 {cert} 允许其下有 {limit} 个中间 CA 证书（pathLenConstraint），该路径有 {below} 个",
        T::NoKeyCertSign => "证书 {cert} 颁发了其他证书，但其 keyUsage 缺少 keyCertSign",
        T::NoDigitalSignature => "签名者证书 {cert} 的 keyUsage 不含 digitalSignature",
        T::SignerKeyType => "签名者证书 {cert} 的密钥为 {key}；ES256 需要 P-256",
        T::ChainEmpty => "x5chain 为空",
        T::ChainTooLong => "x5chain 含有 {count} 个证书，超过允许的 {max} 个",
        T::NoAnchor => "路径未到达信任锚：没有名为 {issuer} 的信任锚（{cert} 的颁发者）",
        T::NoValidPath => "到 {count} 个候选信任锚均没有有效路径；第一个的问题：{why}",
        T::SignerUnparsable => "签名者证书无法解析：{error}",
        T::CertificateUnparsable => "x5chain 第 {index} 个证书无法解析：{error}",
        T::NamesDoNotChain => "证书 {cert} 的颁发者为 {issuer}，但下一个证书是 {next}",
        T::ForeignSignatureAlgorithm => "证书 {cert} 使用 {alg} 签名；只接受 ecdsa-with-SHA256",
        T::IssuerKeyType => "颁发者 {cert} 的密钥为 {key}；只接受 P-256 密钥",
        T::LinkSignature => "{cert} 的签名无法用 {issuer} 的密钥验证",
        T::ListTooLarge => "信任列表为 {size} 字节；上限为 {limit} 字节",
        T::ListNoContentType => "受保护头部中没有内容类型（标签 3）；信任列表须携带 {expected}",
        T::ListContentType => "内容类型为 {found}，不是 {expected}：这不是信任列表",
        T::ListNotMap => "信任列表的载荷是 CBOR {type}，不是映射",
        T::ListKeyType => "信任列表载荷中有一个键是 CBOR {type}；键必须是无符号整数",
        T::ListMissing => "信任列表缺少 {field}",
        T::ListVersion => "不支持信任列表版本 {version}（仅支持版本 1）",
        T::ListExpiresFirst => "expiresAt（{expires}）不晚于 issuedAt（{issued}）",
        T::ListFieldType => "信任列表字段 {field} 是 CBOR {type}；必须是 {expected}",
        T::ListSequenceTooLarge => "sequence（2）大于 {max}",
        T::ListThumbprintLength => "revokedKeys（9）中的指纹为 {length} 字节；必须为 32 字节（SHA-256）",
        T::ListUnknownKey => "已忽略未知的信任列表键 {key}",
        T::ListIdRule => "listId（1）必须为 1 到 64 个字符，每个字符在 U+0021 到 U+007E 之间",
        T::ListTooMany => "{field} 含 {count} 项，超过允许的 {max} 项",
        T::ListSerialShape => "revokedSerials（8）中有一项含 {count} 个元素；必须是 [issuer, serial]",
        T::ListSerialLength => "一个被吊销的序列号为 {length} 字节；必须为 1 到 20 字节",
        T::ListNotYetValid => "信任列表签发于 {issued}，晚于验证时间 {at}（已允许 300 秒时钟偏差）",
        T::ListExpired => "信任列表已于 {expires} 过期，早于验证时间 {at}",
        T::ListTimeTooLate => "{field} 晚于 {max}（9999-12-31）",
        T::ListBelowMinimum => "信任列表的序号 {sequence} 低于应用要求的最小值 {min}（回滚）",
        T::ListOlderThanHeld => "列表 {id} 的序号 {sequence} 早于信任库已持有的序号 {held}（回滚）",
        T::ListConflict => "列表 {id} 序号 {sequence} 与信任库中同一序号的版本内容不同",
    }
}

/// 芯片文本块错误的模板。
#[cfg(feature = "dumps")]
pub fn chip(key: super::ChipKey) -> &'static str {
    use super::ChipKey as C;
    match key {
        C::OutsideBlock => "字段“{field}”超出数据块范围",
        C::Surrogate => "字段“{field}”含有未配对的 UTF-16 代理项",
        C::NotADate => "{field} {value} 不是 YYYYMMDD 格式的有效日期",
        C::SexCode => "性别代码 {value} 不是 GB/T 2261.1 代码（0、1、2、9）",
        C::Length => "文本块为 {size} 字节；必须恰好为 {expected} 字节",
        C::TypeMarker => "偏移 248 处的类型标识 {marker} 未知（应为 'Y'、'I'、'J' 或空格）",
        C::Nationality => "国籍 {value} 不是三字母代码",
        C::NationalityOrDigits => "国籍 {value} 不是三字母或三位数字代码",
    }
}

/// 封闭词表中的词（CBOR 类型、CBOR 错误、芯片字段等）的中文；不认识的词返回 `None`（按原文显示）。
#[cfg(feature = "dumps")]
pub fn term(word: &str) -> Option<&'static str> {
    Some(match word {
        // CBOR 数据类型（`cbor::Value::type_name`）
        "unsigned integer" => "无符号整数",
        "negative integer" => "负整数",
        "byte string" => "字节串",
        "text string" => "文本串",
        "array" => "数组",
        "map" => "映射",
        "tagged item" => "带标签数据项",
        "boolean" => "布尔值",
        "null" => "null",
        "undefined" => "undefined",
        "simple value" => "简单值",
        "float" => "浮点数",
        // CBOR 解码错误（`cbor::CborError`）
        "truncated CBOR (input ends inside an item)" => "CBOR 被截断（输入在数据项中间结束）",
        "indefinite-length CBOR item (not allowed)" => "不定长 CBOR 数据项（不允许）",
        "reserved CBOR additional information (28-30)" => "保留的 CBOR 附加信息（28-30）",
        "ill-formed CBOR simple value" => "格式错误的 CBOR 简单值",
        "duplicate key in a CBOR map" => "CBOR 映射中有重复的键",
        "CBOR text string is not valid UTF-8" => "CBOR 文本串不是有效的 UTF-8",
        "CBOR nesting too deep" => "CBOR 嵌套过深",
        "too many CBOR items" => "CBOR 数据项过多",
        "trailing bytes after the CBOR item" => "CBOR 数据项之后有多余字节",
        // JSON 值的种类（`json::Json::kind`）
        "a boolean" => "布尔值",
        "a number" => "数字",
        "a string" => "字符串",
        "an array" => "数组",
        "an object" => "对象",
        // 其他词
        "tag 18" => "标签 18",
        "untagged" => "无标签",
        "protected" => "受保护",
        "unprotected" => "未受保护",
        "the envelope" => "信封",
        "the payload" => "载荷",
        "the trusted signer" => "受信任的签名者",
        "the card" => "证件数据",
        "the number report" => "号码报告",
        "unrecognised" => "无法识别的号码",
        "male" => "男",
        "female" => "女",
        "unknown" => "未知",
        "missing" => "缺失",
        "readAt" => "读取时间",
        "the verification time" => "核验时间",
        // 芯片字段（`chip::LAYOUTS`）
        "Chinese name" => "中文姓名",
        "English name" => "英文姓名",
        "English name continuation" => "英文姓名续",
        "address" => "住址",
        "association item" => "关联项",
        "authority code" => "签发机关代码",
        "birth date" => "出生日期",
        "card version" => "证件版本",
        "ethnicity" => "民族",
        "expiry date" => "有效期截止日期",
        "issue count" => "签发次数",
        "issue date" => "签发日期",
        "issuing authority" => "签发机关",
        "name" => "姓名",
        "nationality" => "国籍",
        "number" => "号码",
        "pass number" => "通行证号码",
        "renewal count" => "换证次数",
        "sex" => "性别",
        "valid-from date" => "有效期起始日期",
        "valid-until date" => "有效期截止日期",
        _ => return None,
    })
}

/// 抛出错误的模板。
pub fn error(key: super::ErrorKey) -> &'static str {
    use super::ErrorKey as E;
    match key {
        E::Internal => "内部错误：{detail}",
        E::OptionsNotObject => "选项必须是对象",
        E::OptionsUnreadable => "无法读取选项",
        E::UnknownOption => "未知选项 {name}（允许的选项：{allowed}）",
        E::OptionGetterThrew => "无法读取选项 {name}：其 getter 抛出了异常",
        E::OptionUndefined => "选项 {name} 存在但值为 undefined；请省略它或给它一个值",
        E::Locale => "locale 必须为 {locales}",
        E::CouldNotBeRead => "无法读取 {name}",
        E::RevokedProxy => "无法读取 {name}（是否为已撤销的 Proxy？）",
        E::TimeType => "{name} 必须是 Date 或纪元毫秒数",
        E::TimeInvalid => "{name} 不是有效的时间",
        E::ArrayType => "{name} 必须是由 {what} 组成的数组",
        E::ArrayTooMany => "每次调用最多 {max} 个 {what}",
        E::ElementGetterThrew => "无法读取 {name}[{index}]：其 getter 抛出了异常",
        E::KindNames => "类型名称",
        E::MustBeBoolean => "{name} 必须是布尔值",
        E::Fpr15CheckDigit => "fpr15CheckDigit 必须为 \"error\" 或 \"warning\"",
        E::DateValue => "{name} 必须是 Date、纪元毫秒数或 \"YYYY-MM-DD\"",
        E::KindsType => "kinds 必须是非空的类型名称数组（{kinds}）",
        E::KindUnknown => "kinds：未知类型 \"{shown}\"（类型：{kinds}）",
        E::StringArg => "{name} 必须是字符串，实际为 {got}",
        E::InputsType => "inputs 必须是字符串数组",
        E::TooManyNumbers => "每次调用最多 {max} 个号码",
        E::BatchTooLarge => "该批次总计超过 {max} 个 UTF-16 码元",
        E::AgeAtSubject => "ageAt 接受号码字符串或 checkNumber/checkNumbers 返回的报告",
        E::MaskChar => "maskChar 必须是单个字符（例如 \"*\"）",
        E::CountOption => "{name} 必须是 0 到 {max} 之间的整数",
    }
}

/// 完整构建中抛出错误的模板。
#[cfg(feature = "dumps")]
pub fn dump_error(key: super::DumpErrorKey) -> &'static str {
    use super::DumpErrorKey as E;
    match key {
        E::Detached => "{name} 是已分离的缓冲区（是否已转移到另一个线程？）",
        E::MustBeUint8Array => "{name} 必须是 Uint8Array",
        E::Uint8Arrays => "Uint8Array 对象",
        E::NotAStore => "trust 必须是本模块实例创建且未释放的 TrustStore",
        E::StoreInUse => "该 TrustStore 正被调用栈上层的调用使用",
        E::TooManyStoresEver => "本模块实例创建的 TrustStore 过多",
        E::TooManyLiveStores => "存活的 TrustStore 超过 {max} 个：请对不再使用的调用 free()",
        E::JwksNotSerialisable => "无法序列化该 JWK 集对象",
        E::JwksType => "jwks 必须是 JSON 文本或对象",
        E::JwksInputTooLarge => "JWK 集最多 1 MiB",
        E::InputTooLarge => "{name} 最多 1 MiB",
        E::MustBeString => "{name} 必须是字符串",
        E::PemOrDer => "{name} 必须是 PEM 文本或 DER 字节（Uint8Array）",
        E::MustBeNumber => "{name} 必须是数字",
        E::Engine => "engine 必须是 \"auto\" 或 \"wasm\"",
        E::ListSignersMissing => {
            "必须提供 options.signers：保存应用固定的列表签名者的 TrustStore（默认不信任任何密钥）"
        }
        E::ListSignersNotAStore => "signers 必须是本模块的 TrustStore，且不能是接收该列表的信任库本身",
        E::MinSequence => "minSequence 必须是 0 到 9007199254740991 之间的整数",
        E::Seconds => "{name} 必须是非负整数秒数",
        E::ExternalAad => "externalAad 最多 64 KiB",
        E::SerialNotHex => "序列号 {serial} 含有 {char}，它不是十六进制数字",
        E::SerialNoDigits => "序列号 {serial} 不含十六进制数字",
        E::SerialTooLong => "序列号 {serial} 超过 {max} 字节",
        E::CertificateInputTooLarge => "证书输入为 {length} 字节，超过 {max}",
        E::PemNotUtf8 => "PEM 输入不是有效的 UTF-8 文本",
        E::Certificate => "证书无效：{error}",
        E::CertificateNumbered => "第 {n} 个证书无效：{error}",
        E::NotOneCertificate => "应恰好为一个证书，实际为 {count} 个",
        E::NotOneIssuerCertificate => "应恰好为一个颁发者证书，实际为 {count} 个",
        E::PemBeginUnterminated => "BEGIN 行未以 \"-----\" 结尾",
        E::PemNoEnd => "缺少 \"{marker}\" 行",
        E::PemTooManyCertificates => "一次输入中的证书超过 {max} 个",
        E::PemNoBlock => "未找到 PEM 块",
        E::PemTrustedCertificate => {
            "第 {n} 个 PEM 块是 OpenSSL 的 \"TRUSTED CERTIFICATE\"；请用 `openssl x509` 转换为普通 CERTIFICATE"
        }
        E::PemLabel => "第 {n} 个 PEM 块的标签为 {label}，应为 \"CERTIFICATE\"",
        E::PemHeaders => "第 {n} 个 PEM 块带有头部（不支持加密的 PEM）",
        E::PemCertificateTooLarge => "第 {n} 个证书超过 {max} 字节",
        E::PemBase64 => "第 {n} 个 PEM 块不是有效的 base64",
        E::NotAJwkSet => "不是 JWK 集：{error}",
        E::JwksDocument => "不是 JWK 集：文档为{what}，而不是对象 {shape}",
        E::JwksMemberTwice => "不是 JWK 集：成员 {member} 出现了两次",
        E::JwksNoKeys => "不是 JWK 集：缺少 \"keys\" 成员",
        E::JwksKeysType => "不是 JWK 集：\"keys\" 为{what}，而不是 JWK 数组",
        E::JwksTooManyKeys => "该 JWK 集列出的密钥超过 {max} 个",
        E::JwksTooLarge => "该 JWK 集为 {length} 字节，超过 {max}",
        E::RevokedKidsFull => "信任库已持有 {max} 个已吊销的 kid",
        E::RevokedSerialsFull => "信任库已持有 {max} 个已吊销的序列号",
        E::RevokedKeysFull => "信任库已持有 {max} 个已吊销的密钥",
        E::StoreKeysFull => "信任库将持有超过 {max} 个密钥",
        E::StoreAnchorsFull => "信任库将持有超过 {max} 个信任锚",
        E::KidLength => "kid 为 1 到 {max} 字节的 UTF-8，此 kid 为 {length} 字节",
    }
}

/// generateNumber 抛出错误的模板。
#[cfg(feature = "generate")]
pub fn generate_error(key: super::GenerateErrorKey) -> &'static str {
    use super::GenerateErrorKey as E;
    match key {
        E::NeedsOptions => "generateNumber 至少需要选项 {least}",
        E::Kind => "kind 必须为以下之一：{kinds}",
        E::Seed => "seed 必须是 0 到 Number.MAX_SAFE_INTEGER 之间的整数（相同的 seed 生成相同的号码）",
        E::Sex => "sex 必须为 \"male\" 或 \"female\"",
        E::Province => "province 必须是两位 GB/T 2260 代码，例如 \"11\" 或 11",
        E::Region => "region 必须为 \"HK\"、\"MO\" 或 \"TW\"",
        E::Nationality => "nationality 必须是表中的 ISO 3166-1 三字母代码（\"CAN\"）或数字代码（\"124\"）",
        E::NotEncoded => "{kind} 号码不编码 {field}",
        E::ProvinceNotAccepted => "{kind} 不接受省级代码 {code}：应为{table}",
        E::RegionNotIssued => "{kind} 号码不向地区 {region} 签发",
        E::NationalityChina => "nationality：中国不能是外国人的国籍",
        E::BirthOutOfRange => "birthDate {date} 超出范围（从 {min} 到中国标准时间的今天）",
        E::BirthNotRepresentable => "{kind} 无法容纳 birthDate {date}：其两位年份会被读作另一个世纪",
        E::NoCandidate => "无法生成有效的 {kind} 号码（这是缺陷：请报告）",
    }
}
