/** Requests the web server sends to the client to read files (see client-file-system.ts). */
export const FS_READ_FILE = 'cap/fs/readFile';
export const FS_STAT = 'cap/fs/stat';
export const FS_READ_DIRECTORY = 'cap/fs/readDirectory';

export interface FsNode {
    uri: string;
    isFile: boolean;
    isDirectory: boolean;
}
