// placeholder, replaced by the CLI dispatcher
export {};
