package planner

// PillarChanges compares two plans post by post: of the posts both make
// (the same channel at the same local time, which is the same UID), shared
// counts them and changed those whose pillar differs: the events a calendar
// imported from one plan would see change when the other is imported.
func PillarChanges(before, after *Calendar) (shared, changed int) {
	if before == nil || after == nil {
		return 0, 0
	}
	pillars := make(map[[2]string]string, len(before.Slots))
	for i := range before.Slots {
		s := &before.Slots[i]
		pillars[[2]string{s.Channel, s.UID}] = s.Pillar
	}
	for i := range after.Slots {
		s := &after.Slots[i]
		if p, ok := pillars[[2]string{s.Channel, s.UID}]; ok {
			shared++
			if p != s.Pillar {
				changed++
			}
		}
	}
	return shared, changed
}
