import Foundation
import PackagePlugin

/// Embeds `Assets/` of the target it is applied to (the Dashboard module) as Swift string literals at build time.
@main
struct EmbedDashboardAssets: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let assets = target.directoryURL.appendingPathComponent("Assets")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedAssets.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: assets, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let file as URL in walker
            where (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(file)
            }
        }
        return [.buildCommand(
            displayName: "Embedding the dashboard's assets",
            executable: try context.tool(named: "embed-dashboard-assets").url,
            arguments: [assets.path, output.path],
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
