import Foundation
import Logging

/// A swift-log handler writing one JSON object per line: `{"ts","level","logger","msg",...metadata}`. Structured,
/// cheap (no Foundation encoders on the hot path), and buffered through ``LogWriter``.
struct JSONLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    private let label: String
    private let writer: LogWriter

    init(label: String, level: Logger.Level, writer: LogWriter = .standardOutput) {
        self.label = label
        self.logLevel = level
        self.writer = writer
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var out = "{\"ts\":\"" + Self.timestamp() + "\",\"level\":\"\(event.level.rawValue)\""
        out += ",\"logger\":" + Self.quoted(label) + ",\"msg\":" + Self.quoted(event.message.description)
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        if let error = event.error { merged["error"] = "\(error)" }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            out += "," + Self.quoted(key) + ":" + Self.quoted("\(value)")
        }
        out += "}"
        writer.write(Array(out.utf8))
    }

    /// The current time as `2025-01-15T10:30:00.123Z`, from `clock_gettime` and `gmtime_r` (Foundation's ISO 8601
    /// formatter goes through ICU and cost more than the rest of a request's log line).
    static func timestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2) + "."
            + pad(Int32(spec.tv_nsec / 1_000_000), 3) + "Z"
    }

    /// `text` as a JSON string literal. Text needing no escapes (nearly every log value) is copied whole.
    static func quoted(_ text: String) -> String {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
        if plain == true { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

