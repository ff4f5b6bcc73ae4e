import type { FileSystemNode, FileSystemProvider, URI } from 'langium';

/**
 * Files in memory, so that the in-process benchmark edits and rebuilds documents through the same
 * `DocumentBuilder.update` path an editor takes, without disk noise in the figures.
 */
export class MemoryFileSystem implements FileSystemProvider {
    readonly files = new Map<string, string>();

    set(uri: URI, text: string): void {
        this.files.set(uri.toString(), text);
    }

    private node(uri: URI): FileSystemNode {
        const isFile = this.files.has(uri.toString());
        return { isFile, isDirectory: !isFile, uri };
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        return this.node(uri);
    }
    statSync(uri: URI): FileSystemNode {
        return this.node(uri);
    }
    async exists(uri: URI): Promise<boolean> {
        return this.files.has(uri.toString());
    }
    existsSync(uri: URI): boolean {
        return this.files.has(uri.toString());
    }
    async readBinary(uri: URI): Promise<Uint8Array> {
        return new TextEncoder().encode(this.readFileSync(uri));
    }
    readBinarySync(uri: URI): Uint8Array {
        return new TextEncoder().encode(this.readFileSync(uri));
    }
    async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }
    readFileSync(uri: URI): string {
        const text = this.files.get(uri.toString());
        if (text === undefined) throw new Error(`no such file: ${uri.toString()}`);
        return text;
    }
    async readDirectory(): Promise<FileSystemNode[]> {
        return [];
    }
    readDirectorySync(): FileSystemNode[] {
        return [];
    }
}
