// The version schemes of Linux distributions' packages (docs/vulndb.md, "Distribution version schemes").
import { apkScheme } from './apk/apk-scheme.ts';
import { debianScheme } from './deb/deb-scheme.ts';
import { rpmScheme } from './rpm/rpm-scheme.ts';
import type { VersionScheme } from './version-scheme.ts';

export const DISTRO_SCHEMES: readonly VersionScheme[] = [debianScheme, rpmScheme, apkScheme];
