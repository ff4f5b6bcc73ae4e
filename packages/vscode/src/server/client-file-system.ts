import type { FileSystemNode, FileSystemProvider } from 'langium';
import { URI } from 'langium';
import type { Connection } from 'vscode-languageserver';
import type { FsNode } from './fs-protocol.js';
import { FS_READ_DIRECTORY, FS_READ_FILE, FS_STAT } from './fs-protocol.js';

/**
 * Langium's file system, answered by the editor: in a browser the server cannot read files, but the
 * client can, through whatever file system the workspace is on (a GitHub repository, memory, ...).
 * Langium reads the workspace and imports asynchronously; the synchronous calls are never needed.
 */
export class ClientFileSystemProvider implements FileSystemProvider {
    constructor(private readonly connection: Connection) {}

    async stat(uri: URI): Promise<FileSystemNode> {
        return toNode(await this.connection.sendRequest<FsNode>(FS_STAT, uri.toString()));
    }

    async exists(uri: URI): Promise<boolean> {
        return this.stat(uri).then(
            () => true,
            () => false,
        );
    }

    async readFile(uri: URI): Promise<string> {
        return this.connection.sendRequest<string>(FS_READ_FILE, uri.toString());
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return new TextEncoder().encode(await this.readFile(uri));
    }

    async readDirectory(uri: URI): Promise<FileSystemNode[]> {
        return (await this.connection.sendRequest<FsNode[]>(FS_READ_DIRECTORY, uri.toString())).map(toNode);
    }

    statSync(): FileSystemNode {
        throw new Error('synchronous file access is not available in a web worker');
    }

    existsSync(): boolean {
        return false;
    }

    readBinarySync(): Uint8Array {
        throw new Error('synchronous file access is not available in a web worker');
    }

    readFileSync(): string {
        throw new Error('synchronous file access is not available in a web worker');
    }

    readDirectorySync(): FileSystemNode[] {
        throw new Error('synchronous file access is not available in a web worker');
    }
}

function toNode(node: FsNode): FileSystemNode {
    return { uri: URI.parse(node.uri), isFile: node.isFile, isDirectory: node.isDirectory };
}
