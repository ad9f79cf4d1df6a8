// sucrase ships types for its parser under dist/types but maps no subpath to them; rewrite-exports.ts uses the parser.
declare module "sucrase/dist/parser" {
  export * from "sucrase/dist/types/parser/index";
}
declare module "sucrase/dist/parser/tokenizer" {
  export * from "sucrase/dist/types/parser/tokenizer/index";
}
declare module "sucrase/dist/parser/tokenizer/types" {
  export * from "sucrase/dist/types/parser/tokenizer/types";
}
