import Foundation

// Writes one Swift file holding the dashboard's files as string literals, keyed by their path below the assets
// folder: `embed-dashboard-assets <assets folder> <output file>`. Run by the EmbedDashboardAssets build plugin, so
// the files reach the binary without a second, committed copy (SwiftPM does not embed `resources` on Linux).

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: embed-dashboard-assets <assets folder> <output file>\n".utf8))
    exit(2)
}
let assets = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])
let delimiter = "####"

var paths: [String] = []
if let walker = FileManager.default.enumerator(at: assets, includingPropertiesForKeys: [.isRegularFileKey]) {
    for case let file as URL in walker where (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
        paths.append(String(file.standardizedFileURL.path.dropFirst(assets.path.count + 1)))
    }
}

var source = "// Generated at build time by the EmbedDashboardAssets plugin from Sources/Dashboard/Assets/.\n\n"
source += "/// The dashboard's files by path below `Assets/`, as the repository holds them.\n"
source += "enum EmbeddedAssets {\n    static let files: [String: String] = [\n"
for path in paths.sorted() {
    let text = try String(contentsOf: assets.appendingPathComponent(path), encoding: .utf8)
    guard !text.contains("\"\"\"" + delimiter), !text.contains("\r") else {
        FileHandle.standardError.write(Data("\(path): holds the literal's closing delimiter or a carriage return\n".utf8))
        exit(1)
    }
    // A multi-line raw literal drops the line break before its closing delimiter, so one more keeps the bytes exact.
    source += "        \"\(path)\": \(delimiter)\"\"\"\n\(text)\n\"\"\"\(delimiter),\n"
}
source += "    ]\n}\n"
try source.write(to: output, atomically: true, encoding: .utf8)
