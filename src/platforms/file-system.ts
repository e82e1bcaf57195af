import type { FilePathParams } from './types.js';

const options = (...names: string[]): FilePathParams => ({ options: names });
const args = (...names: string[]): FilePathParams => ({ args: names });

/**
 * FileSystemManager methods that take paths, and where. Read from the FileSystemManager interface of
 * wechat-miniprogram/api-typings (types/wx/lib.wx.api.d.ts, 5.2.1): asynchronous methods take an
 * options object; most *Sync variants take positional paths, but openSync, truncateSync and
 * readCompressedFileSync take an object. Douyin, Baidu, QQ and Alipay copy the interface (their
 * FileSystemManager pages list the same methods and option names), so every platform shares it.
 */
export const FILE_SYSTEM_MANAGER_METHODS: Readonly<Record<string, FilePathParams>> = {
  access: options('path'),
  accessSync: args('path'),
  appendFile: options('filePath'),
  appendFileSync: args('filePath'),
  copyFile: options('srcPath', 'destPath'),
  copyFileSync: args('srcPath', 'destPath'),
  getFileInfo: options('filePath'),
  mkdir: options('dirPath'),
  mkdirSync: args('dirPath'),
  open: options('filePath'),
  openSync: options('filePath'),
  readCompressedFile: options('filePath'),
  readCompressedFileSync: options('filePath'),
  readFile: options('filePath'),
  readFileSync: args('filePath'),
  readZipEntry: options('filePath'),
  readdir: options('dirPath'),
  readdirSync: args('dirPath'),
  removeSavedFile: options('filePath'),
  rename: options('oldPath', 'newPath'),
  renameSync: args('oldPath', 'newPath'),
  rmdir: options('dirPath'),
  rmdirSync: args('dirPath'),
  saveFile: options('tempFilePath', 'filePath'),
  saveFileSync: args('tempFilePath', 'filePath'),
  stat: options('path'),
  statSync: args('path'),
  truncate: options('filePath'),
  truncateSync: options('filePath'),
  unlink: options('filePath'),
  unlinkSync: args('filePath'),
  unzip: options('zipFilePath', 'targetPath'),
  writeFile: options('filePath'),
  writeFileSync: args('filePath'),
};

/**
 * The older namespace-level file APIs of WeChat and the runtimes that copy it. They left the current
 * WeChat typings (the FileSystemManager methods replace them) but still run and still appear in code.
 */
export const LEGACY_FILE_APIS: Readonly<Record<string, FilePathParams>> = {
  saveFile: options('tempFilePath', 'filePath'),
  getFileInfo: options('filePath'),
  getSavedFileInfo: options('filePath'),
  removeSavedFile: options('filePath'),
  openDocument: options('filePath'),
};

export { options as pathOptions };
