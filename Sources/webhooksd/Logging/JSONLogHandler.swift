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
        var out = "{\"ts\":\"" + ISO8601DateFormatter.logTimestamp.string(from: Date()) + "\",\"level\":\"\(event.level.rawValue)\""
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

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
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

extension ISO8601DateFormatter {
    /// `2025-01-15T10:30:00.123Z`; ISO8601DateFormatter is thread-safe.
    nonisolated(unsafe) static let logTimestamp: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
