import Foundation
import Testing

/// What Node's `JSON.stringify(JSON.parse(text))` makes of inputs, via Verifiers/canonicalize_node.js.
enum NodeJSON {
    /// For each named input, Node's output bytes, or `nil` where `JSON.parse` threw.
    static func stringifyParsed(_ inputs: [String: [UInt8]]) throws -> [String: [UInt8]?] {
        try #require(ExternalProgram.isAvailable("node"), "node is required (apt-get install nodejs)")
        let folder = try ExternalProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, bytes) in inputs {
            try Data(bytes).write(to: folder.appendingPathComponent("\(name).json"))
        }
        let script = ExternalProgram.verifiersFolder.appendingPathComponent("canonicalize_node.js").path
        let run = try ExternalProgram.run("node", [script, folder.path])
        try #require(run.status == 0, "canonicalize_node.js failed: \(run.standardError)")
        var outputs: [String: [UInt8]?] = [:]
        for name in inputs.keys {
            outputs[name] = try? Array(Data(contentsOf: folder.appendingPathComponent("\(name).out")))
        }
        return outputs
    }
}
