"""kaoguan.report"""
