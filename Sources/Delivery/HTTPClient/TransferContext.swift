import WebhookCore
internal import CCurl
internal import Glibc

/// The state of one transfer that curl's C callbacks reach through an unretained pointer.
///
/// The client keeps the context alive in its table of in-flight transfers from `curl_multi_add_handle` until
/// after `curl_multi_remove_handle`. Callbacks only run while the handle is in the multi handle, and the next
/// request on the handle points it at its own context before it is added again, so a callback never sees a freed
/// context and no extra retain is needed.
final class TransferContext {
    /// The caller's tag for the request.
    let tag: UInt64
    private let bodyLimit: Int
    private let drainLimit: Int
    private let allowPrivateTargets: Bool

    /// The kept part of the response body.
    private(set) var body: [UInt8] = []
    /// How many body bytes arrived in all.
    private(set) var bodyBytesReceived = 0
    /// Whether the transfer was aborted on purpose after `drainLimit` body bytes.
    private(set) var stoppedAtDrainLimit = false
    /// Headers of the latest response (a new status line starts a new list).
    private(set) var headers: [(String, String)] = []
    private var headerBytesKept = 0
    /// The address the SSRF guard refused, as text, if it refused one.
    private(set) var blockedAddress: String?

    private static let maxHeaderLines = 100
    private static let maxHeaderBytes = 16 * 1_024

    init(tag: UInt64, configuration: HTTPClientConfiguration) {
        self.tag = tag
        self.bodyLimit = max(0, configuration.maxResponseBodyBytes)
        self.drainLimit = max(self.bodyLimit, configuration.maxResponseDrainBytes)
        self.allowPrivateTargets = configuration.allowPrivateTargets
    }

    /// `CURLOPT_WRITEFUNCTION`: keeps the first `bodyLimit` bytes, counts the rest, and returns a short count
    /// (which makes curl abort with `CURLE_WRITE_ERROR`) once more than `drainLimit` bytes came.
    func receiveBody(_ chunk: UnsafeRawBufferPointer) -> Int {
        let room = bodyLimit - body.count
        if room > 0 { body.append(contentsOf: chunk.prefix(room)) }
        bodyBytesReceived += chunk.count
        guard bodyBytesReceived <= drainLimit else {
            stoppedAtDrainLimit = true
            return 0
        }
        return chunk.count
    }

    /// `CURLOPT_HEADERFUNCTION`: one header line per call, including status lines and the blank line.
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) -> Int {
        if line.starts(with: Self.statusLinePrefix) {
            headers.removeAll()
            headerBytesKept = 0
        } else if let colon = line.firstIndex(of: UInt8(ascii: ":")),
                  headers.count < Self.maxHeaderLines,
                  headerBytesKept + line.count <= Self.maxHeaderBytes {
            let name = Self.trimmed(line[..<colon])
            let value = Self.trimmed(line[(colon + 1)...])
            headers.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
            headerBytesKept += line.count
        }
        return line.count
    }

    private static let statusLinePrefix = Array("HTTP/".utf8)

    /// `bytes` without leading and trailing spaces, tabs, CR and LF.
    private static func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
              let last = bytes.lastIndex(where: { !isSpace($0) }) else { return bytes[bytes.startIndex..<bytes.startIndex] }
        return bytes[first...last]
    }

    /// `CURLOPT_OPENSOCKETFUNCTION`: the SSRF guard. Refuses a non-public peer unless private targets are
    /// allowed (recording which), otherwise opens the socket curl asked for, close-on-exec.
    func openSocket(family: Int32, type: Int32, protocol: Int32, peer: IPAddress?) -> curl_socket_t {
        if !allowPrivateTargets {
            guard let peer else {
                blockedAddress = "an address of family \(family)"
                return CURL_SOCKET_BAD
            }
            if AddressPolicy.isBlocked(peer) {
                blockedAddress = peer.description
                return CURL_SOCKET_BAD
            }
        }
        return socket(family, type | Int32(SOCK_CLOEXEC.rawValue), `protocol`)
    }
}
