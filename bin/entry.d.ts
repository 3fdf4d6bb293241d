export declare const STAMP: string
export declare function entryKind(root: string): 'dist' | 'src'
