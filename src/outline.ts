/**
 * The book's planned outline, the one source for the sidebar and the course
 * map on the landing page. An entry with `doc` is a written chapter; one
 * without is planned and shown as "coming soon", never as an empty page.
 */

export interface OutlineEntry {
  title: string;
  titleJa: string;
  /** Doc id of a written chapter. */
  doc?: string;
}

export interface OutlinePart {
  title: string;
  titleJa: string;
  entries: OutlineEntry[];
}

export const outline: OutlinePart[] = [
  {
    title: 'Part I: The problem and the idea',
    titleJa: '第 I 部: 問題とアイデア',
    entries: [
      { title: '1. Auxiliary tasks', titleJa: '1. 補助タスク', doc: 'auxiliary-tasks' },
      { title: '2. The isolation-observability dilemma', titleJa: '2. 分離性と観測性のジレンマ', doc: 'dilemma' },
      { title: '3. The orbit abstraction', titleJa: '3. orbit 抽象化', doc: 'orbit-abstraction' },
    ],
  },
  {
    title: 'Part II: Inside the orbit kernel',
    titleJa: '第 II 部: orbit カーネルの内部',
    entries: [
      { title: '4. Snapshots on i386 page tables', titleJa: '4. i386 ページテーブル上のスナップショット' },
      { title: '5. Tasks, queues and updates', titleJa: '5. タスク、キュー、更新' },
      { title: '6. Containment and resource control', titleJa: '6. 障害の封じ込めと資源制御' },
    ],
  },
  {
    title: 'Part III: Labs',
    titleJa: '第 III 部: ラボ',
    entries: [
      { title: 'Lab 0: The playground', titleJa: 'ラボ 0: プレイグラウンド', doc: 'lab-playground' },
      {
        title: 'Lab 1: Port a deadlock detector to an orbit',
        titleJa: 'ラボ 1: デッドロック検出器を orbit に移植する',
      },
      { title: 'Lab 2: Isolation under faults', titleJa: 'ラボ 2: 障害時の分離', doc: 'lab-isolation' },
      { title: 'Lab 3: Measuring the overhead', titleJa: 'ラボ 3: オーバーヘッドの測定' },
    ],
  },
  {
    title: 'Part IV: Evaluation',
    titleJa: '第 IV 部: 評価',
    entries: [{ title: '7. What orbit costs and what it buys', titleJa: '7. orbit のコストと効果' }],
  },
];

/** Doc ids outside the numbered parts, listed after them. */
export const backMatter = ['bibliography'];
