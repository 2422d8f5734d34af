import Foundation
import Logging
import WebhookCore

/// A swift-log handler writing one JSON object per line: `{"ts","level","logger","msg",...metadata}`. Structured,
/// cheap (bytes written directly, no Foundation encoders or formatters), and buffered through ``LogWriter``.
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
        var line: [UInt8] = []
        line.reserveCapacity(256)
        line.append(contentsOf: #"{"ts":""#.utf8)
        WireTimestamp.appendISO8601(Date(), to: &line)
        line.append(contentsOf: #"","level":""#.utf8)
        line.append(contentsOf: event.level.rawValue.utf8)
        line.append(contentsOf: #"","logger":"#.utf8)
        JSONStringEscaper.appendQuoted(label, to: &line)
        line.append(contentsOf: #","msg":"#.utf8)
        JSONStringEscaper.appendQuoted(event.message.description, to: &line)
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        if let error = event.error { merged["error"] = "\(error)" }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            line.append(UInt8(ascii: ","))
            JSONStringEscaper.appendQuoted(key, to: &line)
            line.append(UInt8(ascii: ":"))
            JSONStringEscaper.appendQuoted("\(value)", to: &line)
        }
        line.append(UInt8(ascii: "}"))
        writer.write(line)
    }
}
